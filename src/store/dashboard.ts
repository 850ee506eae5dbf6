import { sql } from 'kysely';
import { repositoryOverview } from './dashboard-repositories.js';
import { dashboardVersion } from './dashboard-version.js';
import { severityRank, toImages } from './image-rows.js';
import type { Db } from './schema.js';
import type {
  AffectedImage,
  DashboardStore,
  PackageUsageQuery,
  SeverityName,
  VulnerabilityUsageQuery,
} from './types.js';
import { containsLike, pageBounds, parseJson, present, toCount } from './util.js';

const severities = Object.keys(severityRank) as SeverityName[];
const severityOfRank = (rank: unknown): SeverityName => severities[Number(rank)] ?? 'unspecified';

/** The window count on the page's rows, or (a page past the end) a count query. */
async function totalOf(
  page: { groups: unknown }[],
  count: () => Promise<{ n: unknown } | undefined>,
): Promise<number> {
  if (page[0]) return toCount(page[0].groups);
  return toCount((await count())?.n);
}

async function packages(db: Db, orgId: string, query: PackageUsageQuery = {}) {
  const { limit, offset } = pageBounds(query);
  let rows = db
    .selectFrom('image_packages as p')
    .innerJoin('images as i', 'i.id', 'p.image_id')
    .where('i.org_id', '=', orgId);
  if (query.type) rows = rows.where('p.type', '=', query.type);
  if (query.name) rows = rows.where('p.name', '=', query.name);
  if (query.repositoryId) rows = rows.where('i.repository_id', '=', query.repositoryId);
  if (query.search) rows = rows.where(containsLike('p.name', query.search, true));
  const groups = rows.groupBy(['p.type', 'p.name', 'p.version']);
  const sort = query.sort ?? 'name';
  const direction = sort.startsWith('-') ? 'desc' : 'asc';
  let ordered = groups.select((eb) => [
    'p.type',
    'p.name',
    'p.version',
    eb.fn.min('p.purl').as('purl'),
    eb.fn.count('p.image_id').distinct().as('images'),
    // the number of groups, beside the page: one pass over the rows instead of two
    sql<number>`count(*) over ()`.as('groups'),
  ]);
  if (sort.endsWith('images')) ordered = ordered.orderBy(sql`count(distinct p.image_id)`, direction);
  if (sort.endsWith('type')) ordered = ordered.orderBy('p.type', direction);
  ordered = ordered
    .orderBy('p.name', sort === '-name' ? 'desc' : 'asc')
    .orderBy('p.version')
    .orderBy('p.type');
  const page = await ordered.limit(limit).offset(offset).execute();
  const total = await totalOf(page, () =>
    db
      .selectFrom(groups.select(['p.type', 'p.name', 'p.version']).as('g'))
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst(),
  );
  return {
    items: page.map((r) => ({
      type: r.type,
      name: r.name,
      version: r.version,
      purl: String(r.purl ?? ''),
      images: toCount(r.images),
    })),
    total,
  };
}

function vulnerabilityRows(db: Db, orgId: string, query: VulnerabilityUsageQuery) {
  let rows = db
    .selectFrom('image_findings as f')
    .innerJoin('images as i', 'i.id', 'f.image_id')
    .where('i.org_id', '=', orgId);
  if (!query.includeSuppressed) rows = rows.where('f.suppressed', '=', 0);
  if (query.repositoryId) rows = rows.where('i.repository_id', '=', query.repositoryId);
  const search = query.search;
  if (search) {
    // a match on any affected package's name selects the whole vulnerability, not just those rows
    rows = rows.where('f.vulnerability_id', 'in', (eb) =>
      eb
        .selectFrom('image_findings as s')
        .innerJoin('images as si', 'si.id', 's.image_id')
        .select('s.vulnerability_id')
        .where('si.org_id', '=', orgId)
        .where((w) =>
          w.or([
            containsLike('s.vulnerability_id', search, true),
            containsLike('s.package_name', search, true),
          ]),
        ),
    );
  }
  let groups = rows.groupBy('f.vulnerability_id');
  if (query.severity)
    groups = groups.having((eb) => eb.fn.min('f.severity_rank'), '=', severityRank[query.severity]);
  if (query.fixAvailable !== undefined)
    groups = groups.having(
      sql`max(case when f.fix_state = 'fixed' then 1 else 0 end)`,
      '=',
      query.fixAvailable ? 1 : 0,
    );
  if (query.kev !== undefined) groups = groups.having((eb) => eb.fn.max('f.kev'), '=', query.kev ? 1 : 0);
  return groups;
}

/** Ascending order of each sort key (severity ascends as the rank descends: 4 unspecified … 0 critical). */
const vulnerabilityOrder = {
  severity: [sql`-min(f.severity_rank)`, sql`coalesce(max(f.cvss), -1)`],
  cvss: [sql`coalesce(max(f.cvss), -1)`],
  images: [sql`count(distinct f.image_id)`],
} as const;

async function vulnerabilities(db: Db, orgId: string, query: VulnerabilityUsageQuery = {}) {
  const { limit, offset } = pageBounds(query);
  const groups = vulnerabilityRows(db, orgId, query);
  const sort = query.sort ?? '-severity';
  const key = sort.replace(/^-/, '') as keyof typeof vulnerabilityOrder | 'id';
  const descending = sort.startsWith('-');
  let ordered = groups.select((eb) => [
    'f.vulnerability_id as id',
    eb.fn.min('f.severity_rank').as('rank'),
    eb.fn.max('f.cvss').as('cvss'),
    sql<number>`max(case when f.fix_state = 'fixed' then 1 else 0 end)`.as('fixable'),
    eb.fn.max('f.kev').as('kev'),
    eb.fn.count('f.image_id').distinct().as('images'),
    eb.fn.count('f.package_name').distinct().as('packages'),
    sql<number>`count(*) over ()`.as('groups'),
  ]);
  if (key !== 'id') {
    for (const expression of vulnerabilityOrder[key])
      ordered = ordered.orderBy(expression, descending ? 'desc' : 'asc');
  }
  ordered = ordered.orderBy('f.vulnerability_id', key === 'id' && descending ? 'desc' : 'asc');
  const page = await ordered.limit(limit).offset(offset).execute();
  const total = await totalOf(page, () =>
    db
      .selectFrom(groups.select('f.vulnerability_id').as('g'))
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst(),
  );
  return {
    items: page.map((r) => ({
      id: r.id,
      severity: severityOfRank(r.rank),
      fixAvailable: Number(r.fixable) === 1,
      kev: Number(r.kev) === 1,
      images: toCount(r.images),
      packages: toCount(r.packages),
      ...present({ cvss: r.cvss === null ? null : Number(r.cvss) }),
    })),
    total,
  };
}

export function dashboardStore(db: Db): DashboardStore {
  return {
    version: (orgId) => dashboardVersion(db, orgId),
    repositories: (orgId, query) => repositoryOverview(db, orgId, query),
    packages: (orgId, query) => packages(db, orgId, query),
    async imagesWithPackage(orgId, pkg, query = {}) {
      const { limit, offset } = pageBounds(query);
      let holders = db
        .selectFrom('image_packages')
        .select('image_id')
        .where('type', '=', pkg.type)
        .where('name', '=', pkg.name);
      if (pkg.version !== undefined) holders = holders.where('version', '=', pkg.version);
      const base = db.selectFrom('images').where('org_id', '=', orgId).where('id', 'in', holders);
      const [rows, total] = await Promise.all([
        base.selectAll().orderBy('pushed_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
        base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
      ]);
      return { items: await toImages(db, rows), total: toCount(total?.n) };
    },
    async imagesAt(orgId, repositoryId, digest) {
      const listed = db
        .selectFrom('index_manifests')
        .select('manifest_digest')
        .where('repository_id', '=', repositoryId)
        .where('index_digest', '=', digest);
      const rows = await db
        .selectFrom('images')
        .selectAll()
        .where('org_id', '=', orgId)
        .where('repository_id', '=', repositoryId)
        .where((w) => w.or([w('digest', '=', digest), w('digest', 'in', listed)]))
        .orderBy('platform')
        .orderBy('id')
        .execute();
      return toImages(db, rows);
    },
    vulnerabilities: (orgId, query) => vulnerabilities(db, orgId, query),
    async affectedImages(orgIds, ids, query = {}) {
      if (!orgIds.length || !ids.length) return { items: [], total: 0 };
      const { limit, offset } = pageBounds(query);
      const base = db
        .selectFrom('image_findings as f')
        .innerJoin('images as i', 'i.id', 'f.image_id')
        .innerJoin('repositories as r', 'r.id', 'i.repository_id')
        .where('i.org_id', 'in', [...orgIds])
        .where('f.vulnerability_id', 'in', [...ids]);
      const [rows, total] = await Promise.all([
        base
          .select([
            'i.org_id',
            'i.id as image_id',
            'i.repository_id',
            'r.name as repository_name',
            'i.digest',
            'i.platform',
            'f.vulnerability_id',
            'f.package_name',
            'f.package_version',
            'f.severity',
            'f.fix_state',
            'f.fixed_versions',
          ])
          .orderBy('f.severity_rank')
          .orderBy('r.name')
          .orderBy('i.pushed_at', 'desc')
          .orderBy('i.id')
          .orderBy('f.package_name')
          .orderBy('f.package_id')
          .orderBy('f.vulnerability_id')
          .limit(limit)
          .offset(offset)
          .execute(),
        base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
      ]);
      const items = rows.map(
        (r): AffectedImage => ({
          orgId: r.org_id,
          imageId: r.image_id,
          repositoryId: r.repository_id,
          repositoryName: r.repository_name,
          digest: r.digest,
          vulnerabilityId: r.vulnerability_id,
          packageName: r.package_name,
          packageVersion: r.package_version,
          severity: r.severity as SeverityName,
          fixState: r.fix_state as AffectedImage['fixState'],
          fixedVersions: parseJson<string[]>(r.fixed_versions, []),
          ...present({ platform: r.platform }),
        }),
      );
      return { items, total: toCount(total?.n) };
    },
  };
}
