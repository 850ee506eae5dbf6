import type { Finding } from '../../match/types.js';
import { severityName } from '../../report/assemble.js';
import type { SeverityName } from '../../report/types.js';
import type { Package } from '../../sbom/types.js';

/** A finding that newly affects an image after an advisory update: new to it, or more severe than before. */
export interface FindingChange {
  kind: 'new' | 'raised';
  vulnerabilityId: string;
  aliases: string[];
  packageId: string;
  packageName: string;
  packageVersion: string;
  packageType: string;
  severity: SeverityName;
  previousSeverity?: SeverityName;
  cvss?: number;
  kev: boolean;
  fixedVersions: string[];
  summary?: string;
}

export interface FindingsDiff {
  /** Anything stored about the findings differs (a fix version, a KEV flag, a finding gone...). */
  changed: boolean;
  /** What newly affects the image, most severe first. */
  newly: FindingChange[];
}

const rank: Record<SeverityName, number> = { critical: 0, high: 1, medium: 2, low: 3, unspecified: 4 };

/** What the store keeps of a finding, as one comparable string. */
function signature(f: Finding): string {
  const fields = [f.packageId, f.id, severityName(f.severity.rating), f.severity.score ?? '', f.fix.state];
  return JSON.stringify([...fields, Boolean(f.kev), f.suppressed, f.fix.versions]);
}

function sameFindings(before: readonly Finding[], after: readonly Finding[]): boolean {
  if (before.length !== after.length) return false;
  const stored = new Set(before.map(signature));
  return after.every((f) => stored.has(signature(f)));
}

/**
 * The most severe earlier severity of the same vulnerability on the same package. Ids are matched through the
 * alias group, so a GHSA finding that becomes a CVE finding (a CVE alias appeared) is not "new".
 */
function previousSeverity(
  byPackage: ReadonlyMap<string, Finding[]>,
  finding: Finding,
): SeverityName | undefined {
  const ids = new Set([finding.id, ...finding.aliases].map((id) => id.toUpperCase()));
  let found: SeverityName | undefined;
  for (const old of byPackage.get(finding.packageId) ?? []) {
    if (old.suppressed || ![old.id, ...old.aliases].some((id) => ids.has(id.toUpperCase()))) continue;
    const severity = severityName(old.severity.rating);
    if (found === undefined || rank[severity] < rank[found]) found = severity;
  }
  return found;
}

function toChange(
  finding: Finding,
  pkg: Package | undefined,
  previous: SeverityName | undefined,
): FindingChange {
  return {
    kind: previous === undefined ? 'new' : 'raised',
    vulnerabilityId: finding.id,
    aliases: finding.aliases,
    packageId: finding.packageId,
    packageName: pkg?.name ?? '',
    packageVersion: pkg?.version ?? '',
    packageType: pkg?.type ?? '',
    severity: severityName(finding.severity.rating),
    ...(previous !== undefined ? { previousSeverity: previous } : {}),
    ...(finding.severity.score !== undefined ? { cvss: finding.severity.score } : {}),
    kev: Boolean(finding.kev),
    fixedVersions: finding.fix.versions,
    ...(finding.summary ? { summary: finding.summary } : {}),
  };
}

/**
 * Compares an image's stored findings with a new match of (part of) its SBOM: `before` and `after` cover the
 * same packages. Suppressed findings never notify.
 */
export function diffFindings(
  before: readonly Finding[],
  after: readonly Finding[],
  packages: readonly Package[],
): FindingsDiff {
  if (sameFindings(before, after)) return { changed: false, newly: [] };
  const byPackage = new Map<string, Finding[]>();
  for (const old of before) {
    const list = byPackage.get(old.packageId) ?? [];
    list.push(old);
    byPackage.set(old.packageId, list);
  }
  const byId = new Map(packages.map((p) => [p.id, p]));
  const newly: FindingChange[] = [];
  for (const finding of after) {
    if (finding.suppressed) continue;
    const previous = previousSeverity(byPackage, finding);
    const severity = severityName(finding.severity.rating);
    if (previous === undefined || rank[severity] < rank[previous])
      newly.push(toChange(finding, byId.get(finding.packageId), previous));
  }
  return { changed: true, newly: newly.sort(compareChanges) };
}

/** Most severe first: severity, then known-exploited, then CVSS, then a new finding before a raised one. */
export function compareChanges(a: FindingChange, b: FindingChange): number {
  return (
    rank[a.severity] - rank[b.severity] ||
    Number(b.kev) - Number(a.kev) ||
    (b.cvss ?? -1) - (a.cvss ?? -1) ||
    (a.kind === b.kind ? 0 : a.kind === 'new' ? -1 : 1) ||
    a.vulnerabilityId.localeCompare(b.vulnerabilityId) ||
    a.packageId.localeCompare(b.packageId)
  );
}
