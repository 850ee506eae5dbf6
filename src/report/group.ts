import type { Rating } from '../advisories/model.js';
import type { Finding } from '../match/types.js';
import type { Package } from '../sbom/types.js';
import type { Report, SeverityCounts, SeverityName } from './types.js';

/** Worst first: the order every list and every count column uses. */
export const severityNames: readonly SeverityName[] = ['critical', 'high', 'medium', 'low', 'unspecified'];

const ratingNames: Record<Rating, SeverityName> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  // A CVSS 0.0 or a rating no source gave: neither is a claim of low risk, so neither is counted as low.
  none: 'unspecified',
  unknown: 'unspecified',
};

/** The report's severity bucket for a rating: CVSS 0.0 ("none") and unrated findings count as unspecified. */
export function severityName(rating: Rating): SeverityName {
  return ratingNames[rating] ?? 'unspecified';
}

export function severityOf(finding: Finding): SeverityName {
  return severityName(finding.severity.rating);
}

export function severityRank(name: SeverityName): number {
  return severityNames.indexOf(name);
}

export function emptyCounts(): SeverityCounts {
  return { critical: 0, high: 0, medium: 0, low: 0, unspecified: 0 };
}

/** Counts by severity; suppressed findings are not counted (they are reported on their own). */
export function countFindings(findings: readonly Finding[]): SeverityCounts {
  const counts = emptyCounts();
  for (const finding of findings) if (!finding.suppressed) counts[severityOf(finding)] += 1;
  return counts;
}

export function totalOf(counts: SeverityCounts): number {
  return severityNames.reduce((sum, name) => sum + counts[name], 0);
}

/** Negative when `a` is worse: more criticals first, then more highs, and so on. */
export function compareCounts(a: SeverityCounts, b: SeverityCounts): number {
  for (const name of severityNames) if (a[name] !== b[name]) return b[name] - a[name];
  return 0;
}

/** Severity, then CVSS score (highest first, unscored last), then id. */
export function compareFindings(a: Finding, b: Finding): number {
  const bySeverity = severityRank(severityOf(a)) - severityRank(severityOf(b));
  if (bySeverity !== 0) return bySeverity;
  const byScore = (b.severity.score ?? -1) - (a.severity.score ?? -1);
  if (byScore !== 0) return byScore;
  return a.id.localeCompare(b.id);
}

export interface PackageGroup {
  package: Package;
  /** Sorted worst first. Suppressed findings only when asked for. */
  findings: Finding[];
  counts: SeverityCounts;
  worst: SeverityName;
}

export interface GroupOptions {
  /** Keep VEX-suppressed findings in the groups (they are never counted). */
  includeSuppressed?: boolean;
}

function worstOf(findings: readonly Finding[]): SeverityName {
  let worst: SeverityName = 'unspecified';
  for (const finding of findings) {
    const severity = severityOf(finding);
    if (severityRank(severity) < severityRank(worst)) worst = severity;
  }
  return worst;
}

/**
 * Findings grouped by package, packages sorted by their worst severity, then their counts, then name and
 * version; a finding whose package is not in the report still gets a group (never dropped silently).
 */
export function groupByPackage(report: Report, options: GroupOptions = {}): PackageGroup[] {
  const byId = new Map(report.packages.map((p) => [p.id, p]));
  const buckets = new Map<string, Finding[]>();
  for (const finding of report.findings) {
    if (finding.suppressed && !options.includeSuppressed) continue;
    const bucket = buckets.get(finding.packageId);
    if (bucket) bucket.push(finding);
    else buckets.set(finding.packageId, [finding]);
  }
  const groups: PackageGroup[] = [];
  for (const [packageId, findings] of buckets) {
    findings.sort(compareFindings);
    const active = findings.filter((f) => !f.suppressed);
    groups.push({
      package: byId.get(packageId) ?? placeholderPackage(packageId),
      findings,
      counts: countFindings(findings),
      worst: worstOf(active.length ? active : findings),
    });
  }
  return groups.sort(comparePackageGroups);
}

export function comparePackageGroups(a: PackageGroup, b: PackageGroup): number {
  const hasActive = (g: PackageGroup) => (totalOf(g.counts) > 0 ? 0 : 1);
  return (
    hasActive(a) - hasActive(b) ||
    severityRank(a.worst) - severityRank(b.worst) ||
    compareCounts(a.counts, b.counts) ||
    a.package.name.localeCompare(b.package.name) ||
    a.package.version.localeCompare(b.package.version)
  );
}

function placeholderPackage(id: string): Package {
  return {
    id,
    type: 'deb',
    name: id,
    version: '',
    purl: '',
    licenses: [],
    locations: [],
    layer: 0,
    foundBy: '',
  };
}
