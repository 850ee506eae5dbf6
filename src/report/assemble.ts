import type { AdvisoryDb } from '../advisories/store/types.js';
import { VERSION } from '../core/version.js';
import { compareIds } from '../match/helpers/ids.js';
import type { Finding, MatchResult } from '../match/types.js';
import type { Sbom } from '../sbom/types.js';
import { severityOf, severityRank } from './group.js';
import type { Report, SeverityCounts } from './types.js';

export type DatabaseInfo = Report['database'];

/** What the report says about the advisory data: where it is, how current, which feeds. */
export function databaseInfo(db: Pick<AdvisoryDb, 'path' | 'status'>): DatabaseInfo {
  const status = db.status();
  const info: DatabaseInfo = {
    path: db.path,
    sources: status.sources.filter((s) => s.records > 0 || s.lastSuccess).map((s) => s.source),
  };
  if (status.lastUpdate) info.lastUpdate = status.lastUpdate;
  return info;
}

export { severityName } from './group.js';

/** Most severe first (then higher score), then by package, then by id in natural order. */
export function compareFindings(names: ReadonlyMap<string, string>): (a: Finding, b: Finding) => number {
  return (a, b) =>
    severityRank(severityOf(a)) - severityRank(severityOf(b)) ||
    (b.severity.score ?? -1) - (a.severity.score ?? -1) ||
    (names.get(a.packageId) ?? '').localeCompare(names.get(b.packageId) ?? '') ||
    compareIds(a.id, b.id) ||
    a.packageId.localeCompare(b.packageId);
}

/** The report for an SBOM's match result. Counts leave suppressed (VEX) findings out; `suppressed` counts them. */
export function assembleReport(
  sbom: Sbom,
  result: MatchResult,
  database: DatabaseInfo,
  createdAt: Date = new Date(),
): Report {
  const names = new Map(sbom.packages.map((p) => [p.id, `${p.name}@${p.version}`]));
  const findings = [...result.findings].sort(compareFindings(names));
  const visible = findings.filter((f) => !f.suppressed);
  const counts: SeverityCounts = { critical: 0, high: 0, medium: 0, low: 0, unspecified: 0 };
  for (const finding of visible) counts[severityOf(finding)]++;
  return {
    schema: 'crowsnest-report/1',
    createdAt: createdAt.toISOString(),
    tool: { name: 'crowsnest', version: VERSION },
    source: sbom.source,
    ...(sbom.distro ? { distro: sbom.distro } : {}),
    packages: sbom.packages,
    findings,
    summary: {
      counts,
      packages: sbom.packages.length,
      vulnerablePackages: new Set(visible.map((f) => f.packageId)).size,
      fixable: visible.filter((f) => f.fix.state === 'fixed').length,
      suppressed: findings.length - visible.length,
    },
    database,
    unknowns: sbom.unknowns,
    notEvaluated: result.notEvaluated,
  };
}
