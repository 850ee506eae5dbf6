import { Enums, Models, Serialize, Spec } from '@cyclonedx/cyclonedx-library';
import type { ShownSeverity } from '../../../advisories/model.js';
import type { Finding, VexVerdict } from '../../../match/types.js';
import { cdxComponent } from '../../../sbom/formats/cyclonedx-encode.js';
import { compareFindings } from '../../group.js';
import type { Report } from '../../types.js';
import { imageName, rangeText } from '../shared/text.js';
import type { Renderer } from '../types.js';

const V = Enums.Vulnerability;

function method(severity: ShownSeverity): Enums.Vulnerability.RatingMethod {
  const vector = severity.vector ?? '';
  if (severity.type === 'CVSS_V2') return V.RatingMethod.CVSSv2;
  if (severity.type === 'CVSS_V4') return V.RatingMethod.CVSSv4;
  if (severity.type === 'CVSS_V3')
    return vector.startsWith('CVSS:3.0') ? V.RatingMethod.CVSSv3 : V.RatingMethod.CVSSv31;
  return V.RatingMethod.Other;
}

const severities: Record<ShownSeverity['rating'], Enums.Vulnerability.Severity> = {
  critical: V.Severity.Critical,
  high: V.Severity.High,
  medium: V.Severity.Medium,
  low: V.Severity.Low,
  none: V.Severity.None,
  unknown: V.Severity.Unknown,
};

const states: Record<VexVerdict['status'], Enums.Vulnerability.AnalysisState> = {
  not_affected: V.AnalysisState.NotAffected,
  affected: V.AnalysisState.Exploitable,
  fixed: V.AnalysisState.Resolved,
  under_investigation: V.AnalysisState.InTriage,
};

/** OpenVEX justifications in CycloneDX's words (the CISA minimum-requirements mapping). */
const justifications: Record<string, Enums.Vulnerability.AnalysisJustification> = {
  component_not_present: V.AnalysisJustification.CodeNotPresent,
  vulnerable_code_not_present: V.AnalysisJustification.CodeNotPresent,
  vulnerable_code_not_in_execute_path: V.AnalysisJustification.CodeNotReachable,
  vulnerable_code_cannot_be_controlled_by_adversary: V.AnalysisJustification.RequiresEnvironment,
  inline_mitigations_already_exist: V.AnalysisJustification.ProtectedByMitigatingControl,
};

function analysis(vex: VexVerdict): Models.Vulnerability.Analysis {
  const justification = vex.justification ? justifications[vex.justification] : undefined;
  const detail = [vex.impactStatement, vex.actionStatement, `VEX: ${vex.document}`]
    .filter(Boolean)
    .join('\n');
  return new Models.Vulnerability.Analysis({
    state: states[vex.status],
    ...(justification ? { justification } : {}),
    detail,
  });
}

function idSource(id: string): Models.Vulnerability.Source {
  const name = id.startsWith('CVE-') ? 'NVD' : id.startsWith('GHSA-') ? 'GitHub' : id.split('-')[0]!;
  return new Models.Vulnerability.Source({ name });
}

function properties(finding: Finding): Models.Property[] {
  return [
    new Models.Property('crowsnest:fix-state', finding.fix.state),
    ...finding.fix.versions.map((v) => new Models.Property('crowsnest:fixed-version', v)),
    ...(finding.distroStatus ? [new Models.Property('crowsnest:distro-status', finding.distroStatus)] : []),
    ...(finding.kev ? [new Models.Property('crowsnest:kev-date-added', finding.kev.dateAdded)] : []),
    ...(finding.epss ? [new Models.Property('crowsnest:epss', String(finding.epss.score))] : []),
    ...(finding.epss
      ? [new Models.Property('crowsnest:epss-percentile', String(finding.epss.percentile))]
      : []),
    ...finding.matches.map(
      (m) => new Models.Property('crowsnest:matched-record', `${m.feed}:${m.advisoryId}`),
    ),
  ];
}

/** One CycloneDX vulnerability per (vulnerability, package): each carries its own fix, range and VEX state. */
function vulnerability(finding: Finding, pkg: Models.Component): Models.Vulnerability.Vulnerability {
  const { severity } = finding;
  const range = rangeText(finding);
  const fixed = finding.fix.state === 'fixed' && finding.fix.versions.length;
  return new Models.Vulnerability.Vulnerability({
    bomRef: `vuln:${finding.id}:${pkg.bomRef.value}`,
    id: finding.id,
    source: idSource(finding.id),
    ...(finding.summary ? { description: finding.summary } : {}),
    ...(fixed ? { recommendation: `Upgrade ${pkg.name} to ${finding.fix.versions.join(' or ')}` } : {}),
    ...(finding.published ? { published: new Date(finding.published) } : {}),
    references: new Models.Vulnerability.ReferenceRepository(
      finding.aliases.map((alias) => new Models.Vulnerability.Reference(alias, idSource(alias))),
    ),
    ratings: new Models.Vulnerability.RatingRepository([
      new Models.Vulnerability.Rating({
        severity: severities[severity.rating],
        method: method(severity),
        source: new Models.Vulnerability.Source({ name: severity.source }),
        ...(severity.score !== undefined ? { score: severity.score } : {}),
        ...(severity.vector ? { vector: severity.vector } : {}),
      }),
    ]),
    advisories: new Models.Vulnerability.AdvisoryRepository(
      finding.urls.filter((u) => /^https?:\/\//.test(u)).map((u) => new Models.Vulnerability.Advisory(u)),
    ),
    affects: new Models.Vulnerability.AffectRepository([
      new Models.Vulnerability.Affect(pkg.bomRef, {
        versions: new Models.Vulnerability.AffectedVersionRepository([
          new Models.Vulnerability.AffectedSingleVersion(pkg.version ?? '', {
            status: V.AffectStatus.Affected,
          }),
        ]),
      }),
    ]),
    ...(finding.vex ? { analysis: analysis(finding.vex) } : {}),
    // the range stays a property: feeds write ranges in their own grammar, not always as a `vers` string
    properties: new Models.PropertyRepository([
      ...properties(finding),
      ...(range ? [new Models.Property('crowsnest:affected-range', range)] : []),
    ]),
  });
}

/** CycloneDX 1.6 with the image as metadata component, every package, and `vulnerabilities`. */
export function renderCycloneDx(report: Report): string {
  const image = new Models.Component(Enums.ComponentType.Container, imageName(report), {
    bomRef: 'image',
    ...(report.source.manifestDigest ? { version: report.source.manifestDigest } : {}),
  });
  const tools = new Models.Tools({
    components: new Models.ComponentRepository([
      new Models.Component(Enums.ComponentType.Application, 'crowsnest', { version: report.tool.version }),
    ]),
  });
  const bom = new Models.Bom({
    metadata: new Models.Metadata({ timestamp: new Date(report.createdAt), component: image, tools }),
  });
  const components = new Map(report.packages.map((p) => [p.id, cdxComponent(p)]));
  for (const c of components.values()) bom.components.add(c);
  image.dependencies = new Models.BomRefRepository([...components.values()].map((c) => c.bomRef));
  for (const finding of [...report.findings].sort(compareFindings)) {
    const pkg = components.get(finding.packageId);
    if (pkg) bom.vulnerabilities.add(vulnerability(finding, pkg));
  }
  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return serializer.serialize(bom, { sortLists: true, space: 2 });
}

export const cyclonedxRenderer: Renderer = {
  id: 'cyclonedx',
  description: 'CycloneDX 1.6 JSON with vulnerabilities (VEX states as analysis)',
  render: renderCycloneDx,
};
