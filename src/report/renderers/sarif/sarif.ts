import { createHash } from 'node:crypto';
import type { Finding } from '../../../match/types.js';
import type { Package } from '../../../sbom/types.js';
import { compareFindings, severityOf } from '../../group.js';
import type { Report, SeverityName } from '../../types.js';
import { fixText, imageName, layerLabel, rangeText } from '../shared/text.js';
import type { Renderer } from '../types.js';

type Level = 'error' | 'warning' | 'note';

const levels: Record<SeverityName, Level> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  unspecified: 'note',
};

/** A representative score for findings rated only in words, so code-scanning tools still rank them. */
const wordScores: Partial<Record<SeverityName, number>> = { critical: 9.5, high: 8, medium: 5.5, low: 2 };

function securitySeverity(finding: Finding): string | undefined {
  const score = finding.severity.score ?? wordScores[severityOf(finding)];
  return score === undefined ? undefined : score.toFixed(1);
}

/** A path inside the image as a relative URI reference (no leading slash, each segment escaped). */
export function pathUri(path: string): string {
  return path.replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/');
}

function isAbsoluteUri(value: string | undefined): value is string {
  return value !== undefined && /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(value);
}

function helpText(finding: Finding): { text: string; markdown: string } {
  const rows: [string, string | undefined][] = [
    [
      'Severity',
      `${severityOf(finding)}${finding.severity.score === undefined ? '' : ` ${finding.severity.score.toFixed(1)}`} (${finding.severity.source})`,
    ],
    ['CVSS vector', finding.severity.vector],
    ['Aliases', finding.aliases.join(', ') || undefined],
    ['Known exploited', finding.kev ? `CISA KEV since ${finding.kev.dateAdded}` : undefined],
    ['References', finding.urls.join(' ') || undefined],
  ];
  const shown = rows.filter((r): r is [string, string] => r[1] !== undefined);
  const title = finding.summary ? `${finding.id}: ${finding.summary}` : finding.id;
  return {
    text: [title, ...shown.map(([k, v]) => `${k}: ${v}`)].join('\n'),
    markdown: [
      `**${title}**`,
      '',
      '| | |',
      '|---|---|',
      ...shown.map(([k, v]) => `| ${k} | ${v.replaceAll('|', '\\|')} |`),
    ].join('\n'),
  };
}

function rule(finding: Finding) {
  const severity = securitySeverity(finding);
  return {
    id: finding.id,
    shortDescription: { text: finding.summary ? `${finding.id}: ${finding.summary}` : finding.id },
    fullDescription: { text: finding.summary ?? finding.id },
    ...(isAbsoluteUri(finding.urls[0]) ? { helpUri: finding.urls[0] } : {}),
    help: helpText(finding),
    defaultConfiguration: { level: levels[severityOf(finding)] },
    properties: {
      tags: ['security', 'vulnerability', severityOf(finding)],
      ...(severity ? { 'security-severity': severity } : {}),
    },
  };
}

function message(finding: Finding, pkg: Package): string {
  const score = finding.severity.score === undefined ? '' : ` ${finding.severity.score.toFixed(1)}`;
  const fix = finding.fix.state === 'fixed' ? `Fixed in ${fixText(finding)}.` : `Fix: ${fixText(finding)}.`;
  return `${pkg.name} ${pkg.version} (${pkg.type}) is affected by ${finding.id} (${severityOf(finding)}${score}). ${fix}`;
}

function locations(report: Report, pkg: Package) {
  const logical = [{ name: pkg.name, fullyQualifiedName: pkg.purl || pkg.id, kind: 'package' }];
  if (pkg.locations.length === 0) return [{ logicalLocations: logical }];
  return pkg.locations.map((l) => ({
    physicalLocation: { artifactLocation: { uri: pathUri(l.path) } },
    logicalLocations: logical,
    message: { text: `${l.path} in ${layerLabel(report, l.layer)}` },
  }));
}

function fingerprint(finding: Finding, pkg: Package): string {
  return createHash('sha256')
    .update(`${finding.id}\0${pkg.purl || pkg.id}`)
    .digest('hex')
    .slice(0, 32);
}

function result(report: Report, finding: Finding, pkg: Package, ruleIndex: number) {
  const vex = finding.vex;
  return {
    ruleId: finding.id,
    ruleIndex,
    level: levels[severityOf(finding)],
    message: { text: message(finding, pkg) },
    locations: locations(report, pkg),
    partialFingerprints: { 'crowsnest/finding/v1': fingerprint(finding, pkg) },
    ...(finding.suppressed
      ? {
          suppressions: [
            {
              kind: 'external',
              status: 'accepted',
              justification: vex
                ? `VEX ${vex.status}${vex.justification ? ` (${vex.justification})` : ''} from ${vex.document}`
                : 'suppressed',
            },
          ],
        }
      : {}),
    properties: {
      purl: pkg.purl,
      packageType: pkg.type,
      installedVersion: pkg.version,
      fixState: finding.fix.state,
      ...(finding.fix.versions.length ? { fixedVersions: finding.fix.versions } : {}),
      ...(rangeText(finding) ? { affectedRange: rangeText(finding) } : {}),
      ...(finding.kev ? { knownExploited: true } : {}),
      ...(finding.epss ? { epss: finding.epss.score, epssPercentile: finding.epss.percentile } : {}),
    },
  };
}

/** SARIF 2.1.0: one rule per vulnerability id, one result per (vulnerability, package). */
export function renderSarif(report: Report): string {
  const byId = new Map(report.packages.map((p) => [p.id, p]));
  const findings = [...report.findings].sort(
    (a, b) => compareFindings(a, b) || a.packageId.localeCompare(b.packageId),
  );
  const ruleIndex = new Map<string, number>();
  const rules: ReturnType<typeof rule>[] = [];
  for (const finding of findings) {
    if (ruleIndex.has(finding.id)) continue;
    ruleIndex.set(finding.id, rules.length);
    rules.push(rule(finding));
  }
  const results = findings.flatMap((f) => {
    const pkg = byId.get(f.packageId);
    return pkg ? [result(report, f, pkg, ruleIndex.get(f.id)!)] : [];
  });
  const log = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'crowsnest',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            rules,
          },
        },
        automationDetails: { id: `crowsnest/${imageName(report)}/` },
        results,
        properties: {
          image: imageName(report),
          ...(report.source.manifestDigest ? { manifestDigest: report.source.manifestDigest } : {}),
          ...(report.source.platform ? { platform: report.source.platform } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

export const sarifRenderer: Renderer = {
  id: 'sarif',
  description: 'SARIF 2.1.0 for code-scanning dashboards',
  render: renderSarif,
};
