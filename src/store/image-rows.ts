import { severityName } from '../report/assemble.js';
import type { Report, SeverityName } from '../report/types.js';
import type { Sbom } from '../sbom/types.js';
import type {
  Database,
  Db,
  ImageFindingsTable,
  ImageHistoryTable,
  ImagePackagesTable,
  ImagesTable,
} from './schema.js';
import type { FindingRow, HistoryPoint, ImageRecord, PackageKey } from './types.js';
import { parseJson, present } from './util.js';

export const severityRank: Record<SeverityName, number> = {
  critical: 0,
  high: 1,
  medium: 2,
  low: 3,
  unspecified: 4,
};

export function toImage(row: ImagesTable, tags: string[] = []): ImageRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    repositoryId: row.repository_id,
    digest: row.digest,
    tags,
    pushedAt: row.pushed_at,
    mode: row.mode as ImageRecord['mode'],
    analyzedAt: row.analyzed_at,
    evaluatedAt: row.evaluated_at,
    summary: {
      counts: {
        critical: row.critical,
        high: row.high,
        medium: row.medium,
        low: row.low,
        unspecified: row.unspecified,
      },
      packages: row.packages,
      vulnerablePackages: row.vulnerable_packages,
      fixable: row.fixable,
    },
    ...present({ indexDigest: row.index_digest, platform: row.platform, createdAt: row.image_created_at }),
  };
}

/** The summary columns of an image row, from a report. */
export function summaryColumns(report: Report) {
  const { counts } = report.summary;
  return {
    critical: counts.critical,
    high: counts.high,
    medium: counts.medium,
    low: counts.low,
    unspecified: counts.unspecified,
    packages: report.summary.packages,
    vulnerable_packages: report.summary.vulnerablePackages,
    fixable: report.summary.fixable,
  };
}

export function findingRows(imageId: string, report: Report): ImageFindingsTable[] {
  const packages = new Map(report.packages.map((p) => [p.id, p]));
  return report.findings.map((finding) => {
    const pkg = packages.get(finding.packageId);
    const severity = severityName(finding.severity.rating);
    return {
      image_id: imageId,
      vulnerability_id: finding.id,
      package_id: finding.packageId,
      package_name: pkg?.name ?? '',
      package_version: pkg?.version ?? '',
      package_type: pkg?.type ?? '',
      severity,
      severity_rank: severityRank[severity],
      cvss: finding.severity.score ?? null,
      fix_state: finding.fix.state,
      fixed_versions: JSON.stringify(finding.fix.versions),
      kev: finding.kev ? 1 : 0,
      suppressed: finding.suppressed ? 1 : 0,
    };
  });
}

export function toFindingRow(row: ImageFindingsTable): FindingRow {
  return {
    imageId: row.image_id,
    vulnerabilityId: row.vulnerability_id,
    packageId: row.package_id,
    packageName: row.package_name,
    packageVersion: row.package_version,
    packageType: row.package_type,
    severity: row.severity as SeverityName,
    fixState: row.fix_state as FindingRow['fixState'],
    fixedVersions: parseJson<string[]>(row.fixed_versions, []),
    kev: row.kev === 1,
    suppressed: row.suppressed === 1,
    ...present({ cvss: row.cvss }),
  };
}

export function packageRows(imageId: string, sbom: Sbom): ImagePackagesTable[] {
  return sbom.packages.map((p) => ({
    image_id: imageId,
    package_id: p.id,
    type: p.type,
    name: p.name,
    version: p.version,
    purl: p.purl,
    layer: p.layer,
  }));
}

export function historyRow(
  imageId: string,
  at: string,
  report: Report,
  reason: HistoryPoint['reason'],
  operationId?: number,
): ImageHistoryTable {
  const { counts } = report.summary;
  return { image_id: imageId, at, ...counts, reason, operation_id: operationId ?? null };
}

export function toHistoryPoint(row: ImageHistoryTable): HistoryPoint {
  return {
    imageId: row.image_id,
    at: row.at,
    counts: {
      critical: row.critical,
      high: row.high,
      medium: row.medium,
      low: row.low,
      unspecified: row.unspecified,
    },
    reason: row.reason as HistoryPoint['reason'],
    ...present({ operationId: row.operation_id === null ? null : Number(row.operation_id) }),
  };
}

export function uniqueKeys(keys: readonly PackageKey[]): PackageKey[] {
  const seen = new Map<string, PackageKey>();
  for (const key of keys) seen.set(`${key.ecosystem}\u0000${key.name}`, key);
  return [...seen.values()];
}

/**
 * The tags pointing at each image now: at its manifest digest, or at any index that lists it (one
 * manifest may sit in several indexes: `2.0` and `2.0.1` built from the same platform image).
 */
export async function tagsOf(db: Db, rows: readonly ImagesTable[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(rows.map((r) => [r.id, []]));
  if (!rows.length) return out;
  const repositories = [...new Set(rows.map((r) => r.repository_id))];
  const manifests = [...new Set(rows.map((r) => r.digest))];
  const links = await db
    .selectFrom('index_manifests')
    .select(['repository_id', 'index_digest', 'manifest_digest'])
    .where('repository_id', 'in', repositories)
    .where('manifest_digest', 'in', manifests)
    .execute();
  const targets = (row: ImagesTable) =>
    new Set([
      row.digest,
      ...links
        .filter((l) => l.repository_id === row.repository_id && l.manifest_digest === row.digest)
        .map((l) => l.index_digest),
    ]);
  const pointers = await db
    .selectFrom('repository_tags')
    .select(['repository_id', 'tag', 'digest'])
    .where('repository_id', 'in', repositories)
    .where('digest', 'in', [...manifests, ...links.map((l) => l.index_digest)])
    .orderBy('tag')
    .execute();
  for (const row of rows) {
    const digests = targets(row);
    const tags = pointers
      .filter((p) => p.repository_id === row.repository_id && digests.has(p.digest))
      .map((p) => p.tag);
    out.set(row.id, [...new Set(tags)]);
  }
  return out;
}

/** Rows to records, tags included. */
export async function toImages(db: Db, rows: readonly ImagesTable[]): Promise<ImageRecord[]> {
  const tags = await tagsOf(db, rows);
  return rows.map((row) => toImage(row, tags.get(row.id)));
}

/** Both databases cap bound parameters per statement: insert in slices. */
export async function insertChunked<T extends keyof Database & string>(
  db: Db,
  table: T,
  rows: readonly Database[T][],
  size = 500,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size) {
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as never) // typed by the table name above
      .execute();
  }
}
