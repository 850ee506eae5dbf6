import type { Db } from './schema.js';

/** Sums and counts come back as numbers or numeric strings depending on the database: one spelling. */
const spelled = (value: unknown): string =>
  value === null || value === undefined
    ? ''
    : String(typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value);

/** See `DashboardStore.version`: one row of aggregates, each over an indexed slice of the org's data. */
export async function dashboardVersion(db: Db, orgId: string): Promise<string> {
  const ofOrg = db.selectFrom('repositories').select('id').where('org_id', '=', orgId);
  const row = await db
    .selectFrom('images')
    .where('org_id', '=', orgId)
    .select((eb) => [
      eb.fn.countAll().as('images'),
      eb.fn.max('analyzed_at').as('analyzed'),
      eb.fn.max('evaluated_at').as('evaluated'),
      eb.fn.sum('critical').as('critical'),
      eb.fn.sum('high').as('high'),
      eb.fn.sum('medium').as('medium'),
      eb.fn.sum('low').as('low'),
      eb.fn.sum('unspecified').as('unspecified'),
      eb.fn.sum('packages').as('packages'),
      eb.fn.sum('fixable').as('fixable'),
      eb
        .selectFrom('repositories')
        .select((r) => r.fn.countAll().as('n'))
        .where('org_id', '=', orgId)
        .as('repositories'),
      eb
        .selectFrom('repositories')
        .select((r) => r.fn.max('updated_at').as('n'))
        .where('org_id', '=', orgId)
        .as('updated'),
      eb
        .selectFrom('repositories')
        .select((r) => r.fn.max('last_pushed_at').as('n'))
        .where('org_id', '=', orgId)
        .as('pushed'),
      eb
        .selectFrom('repository_tags')
        .select((t) => t.fn.countAll().as('n'))
        .where('repository_id', 'in', ofOrg)
        .as('tags'),
      eb
        .selectFrom('repository_tags')
        .select((t) => t.fn.max('pushed_at').as('n'))
        .where('repository_id', 'in', ofOrg)
        .as('tagged'),
      eb
        .selectFrom('index_manifests')
        .select((m) => m.fn.countAll().as('n'))
        .where('repository_id', 'in', ofOrg)
        .as('indexes'),
    ])
    .executeTakeFirst();
  return Object.values(row ?? {})
    .map(spelled)
    .join('|');
}
