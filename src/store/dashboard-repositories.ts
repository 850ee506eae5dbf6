import { type ExpressionBuilder, sql } from 'kysely';
import { toRepository } from './repositories.js';
import type { Database, Db } from './schema.js';
import type { RepositoryOverview, RepositoryOverviewQuery } from './types.js';
import { containsLike, pageBounds, present, toCount } from './util.js';

type OverviewEb = ExpressionBuilder<
  Database & { r: Database['repositories']; t: Database['repository_tags'] },
  'r' | 't'
>;

type TagEb = ExpressionBuilder<
  Database & { i: Database['images']; r: Database['repositories']; t: Database['repository_tags'] },
  'i' | 'r' | 't'
>;

/** Image `i` is what tag `t` of repository `r` points at: the manifest itself, or one listed by its index. */
function reachedByTag(w: TagEb) {
  return w.or([
    w('i.digest', '=', w.ref('t.digest')),
    w(
      'i.digest',
      'in',
      w
        .selectFrom('index_manifests as im')
        .select('im.manifest_digest')
        .whereRef('im.repository_id', '=', 'r.id')
        .whereRef('im.index_digest', '=', 't.digest'),
    ),
  ]);
}

/**
 * The analysed image the last-pushed tag reaches now: the manifest it names, or one platform of the index
 * it names (linux/amd64 first, so a multi-arch repository shows the image most people run).
 */
function latestImageId(eb: OverviewEb) {
  return eb
    .selectFrom('images as i')
    .select('i.id')
    .whereRef('i.repository_id', '=', 'r.id')
    .where((w) => reachedByTag(w as TagEb))
    .orderBy(sql`case when i.platform = 'linux/amd64' then 0 else 1 end`)
    .orderBy('i.platform')
    .orderBy('i.id')
    .limit(1);
}

function overviewBase(db: Db, orgId: string, query: RepositoryOverviewQuery) {
  let base = db
    .selectFrom('repositories as r')
    .leftJoin('repository_tags as t', (join) =>
      join.onRef('t.repository_id', '=', 'r.id').onRef('t.tag', '=', 'r.last_pushed_tag'),
    )
    .leftJoin('images as li', (join) => join.on((eb) => eb('li.id', '=', latestImageId(eb as OverviewEb))))
    .where('r.org_id', '=', orgId);
  if (query.registryId) base = base.where('r.registry_id', '=', query.registryId);
  if (query.mode) base = base.where('r.mode', '=', query.mode);
  if (query.search) base = base.where(containsLike('r.name', query.search, true));
  if (query.severity) base = base.where(`li.${query.severity}`, '>', 0);
  return base;
}

const worstFirst = ['critical', 'high', 'medium', 'low'] as const;

/** Repositories with their latest image (see `DashboardStore.repositories`). */
export async function repositoryOverview(db: Db, orgId: string, query: RepositoryOverviewQuery = {}) {
  const { limit, offset } = pageBounds(query);
  const base = overviewBase(db, orgId, query);
  const sort = query.sort ?? 'name';
  let ordered = base.selectAll('r').select([
    't.digest as latest_digest',
    't.pushed_at as latest_pushed_at',
    'li.id as li_id',
    'li.platform as li_platform',
    'li.analyzed_at as li_analyzed_at',
    ...worstFirst.map((s) => `li.${s} as li_${s}` as const),
    'li.unspecified as li_unspecified',
    // how many match, beside the page: no second pass over the joins
    sql<number>`count(*) over ()`.as('matching'),
    (eb) =>
      eb
        .selectFrom('images as c')
        .select((c) => c.fn.countAll().as('n'))
        .whereRef('c.repository_id', '=', 'r.id')
        .as('analyzed_images'),
  ]);
  if (sort === 'severity' || sort === '-severity') {
    const direction = sort === 'severity' ? 'asc' : 'desc';
    for (const s of worstFirst)
      ordered = ordered.orderBy(sql`coalesce(${sql.ref(`li.${s}`)}, -1)`, direction);
  } else if (sort.endsWith('lastPushedAt')) {
    // never-pushed repositories last either way (NULL order differs between the databases)
    ordered = ordered
      .orderBy(sql`case when r.last_pushed_at is null then 1 else 0 end`)
      .orderBy('r.last_pushed_at', sort.startsWith('-') ? 'desc' : 'asc');
  } else {
    ordered = ordered.orderBy('r.name', sort === '-name' ? 'desc' : 'asc');
  }
  const rows = await ordered.orderBy('r.id').limit(limit).offset(offset).execute();
  const total = rows[0]
    ? toCount(rows[0].matching)
    : toCount((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n);
  const platforms = await latestPlatforms(
    db,
    rows.map((r) => r.id),
  );
  const items = rows.map((row): RepositoryOverview => {
    const overview: RepositoryOverview = {
      ...toRepository(row),
      analyzedImages: toCount(row.analyzed_images),
    };
    if (row.last_pushed_tag && row.latest_digest && row.latest_pushed_at) {
      overview.latest = {
        tag: row.last_pushed_tag,
        digest: row.latest_digest,
        pushedAt: row.latest_pushed_at,
        platforms: platforms.get(row.id) ?? [],
        ...present({ imageId: row.li_id, platform: row.li_platform, analyzedAt: row.li_analyzed_at }),
        ...(row.li_id
          ? {
              counts: {
                critical: Number(row.li_critical),
                high: Number(row.li_high),
                medium: Number(row.li_medium),
                low: Number(row.li_low),
                unspecified: Number(row.li_unspecified),
              },
            }
          : {}),
      };
    }
    return overview;
  });
  return { items, total };
}

/** Every analysed platform of each repository's last-pushed tag, sorted. */
async function latestPlatforms(db: Db, repositoryIds: string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!repositoryIds.length) return out;
  const rows = await db
    .selectFrom('images as i')
    .innerJoin('repositories as r', 'r.id', 'i.repository_id')
    .innerJoin('repository_tags as t', (join) =>
      join.onRef('t.repository_id', '=', 'r.id').onRef('t.tag', '=', 'r.last_pushed_tag'),
    )
    .select(['i.repository_id', 'i.platform'])
    .distinct()
    .where('r.id', 'in', repositoryIds)
    .where('i.platform', 'is not', null)
    .where((w) => reachedByTag(w as TagEb))
    .orderBy('i.platform')
    .execute();
  for (const row of rows) {
    const list = out.get(row.repository_id) ?? [];
    list.push(row.platform as string);
    out.set(row.repository_id, list);
  }
  return out;
}
