import { createHash } from 'node:crypto';
import type { Finding } from '../../../match/types.js';
import type { Package } from '../../../sbom/types.js';
import { compareFindings, severityOf } from '../../group.js';
import type { Report, SeverityName } from '../../types.js';
import { fixText, imageName } from '../shared/text.js';
import type { Renderer } from '../types.js';

const severities: Record<SeverityName, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  unspecified: 'Unknown',
};

const isUrl = (value: string | undefined): value is string =>
  value !== undefined && /^(https?|ftp):\/\/.+/.test(value);

/** A stable UUID-shaped id per (vulnerability, package), so GitLab tracks a finding across pipelines. */
function stableId(finding: Finding, pkg: Package): string {
  const hex = createHash('sha256')
    .update(`${finding.id}\0${pkg.purl || pkg.id}`)
    .digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

function identifiers(finding: Finding) {
  return [finding.id, ...finding.aliases].map((id, index) => ({
    type: id.includes('-') ? id.slice(0, id.indexOf('-')).toLowerCase() : 'advisory',
    name: id,
    value: id,
    ...(index === 0 && isUrl(finding.urls[0]) ? { url: finding.urls[0] } : {}),
  }));
}

/** GitLab wants `name:tag`; a reference without a tag (a digest, a path) gets a tag saying so. */
export function gitlabImage(name: string): string {
  return /^[^:]+(:\d+[^:]*)?:[^:]+(:[^:]+)?$/.test(name) ? name : `${name}:untagged`;
}

function operatingSystem(report: Report): string {
  const distro = report.distro;
  return distro ? [distro.id, distro.versionId].filter(Boolean).join(' ') : 'Unknown';
}

function vulnerability(report: Report, finding: Finding, pkg: Package) {
  const solution =
    finding.fix.state === 'fixed' && finding.fix.versions.length
      ? `Upgrade ${pkg.name} to ${finding.fix.versions.join(' or ')}`
      : `No fix available: ${fixText(finding)}`;
  return {
    id: stableId(finding, pkg),
    name: `${finding.id} in ${pkg.name}`.slice(0, 255),
    description: finding.summary ?? `${finding.id} affects ${pkg.name} ${pkg.version}`,
    severity: severities[severityOf(finding)],
    solution,
    identifiers: identifiers(finding),
    links: finding.urls.filter(isUrl).map((url) => ({ url })),
    location: {
      dependency: { package: { name: pkg.name }, version: pkg.version },
      operating_system: operatingSystem(report),
      image: gitlabImage(imageName(report)),
    },
  };
}

/** `2025-03-01T12:00:00`: the report schema's time format has no zone and no fraction. */
const gitlabTime = (iso: string) => new Date(iso).toISOString().slice(0, 19);

/**
 * GitLab's container-scanning report (schema 15.0.7). GitLab has no place for VEX statements, so suppressed
 * findings are left out, as the table formats hide them.
 */
export function renderGitlab(report: Report): string {
  const byId = new Map(report.packages.map((p) => [p.id, p]));
  const tool = {
    id: 'crowsnest',
    name: 'crowsnest',
    version: report.tool.version,
    vendor: { name: 'crowsnest' },
  };
  const vulnerabilities = [...report.findings]
    .filter((f) => !f.suppressed)
    .sort(compareFindings)
    .flatMap((f) => {
      const pkg = byId.get(f.packageId);
      return pkg ? [vulnerability(report, f, pkg)] : [];
    });
  const document = {
    version: '15.0.7',
    scan: {
      analyzer: tool,
      scanner: tool,
      type: 'container_scanning',
      start_time: gitlabTime(report.createdAt),
      end_time: gitlabTime(report.createdAt),
      status: 'success',
    },
    vulnerabilities,
    remediations: [],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}

export const gitlabRenderer: Renderer = {
  id: 'gitlab',
  description: 'GitLab container-scanning report (schema 15.0.7)',
  render: renderGitlab,
};
