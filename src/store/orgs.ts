import { AppError } from '../core/errors.js';
import type { Db, OrgsTable } from './schema.js';
import type { Org, OrgSettings, OrgStore, Role } from './types.js';
import { isUniqueViolation, newId, nowIso, toCount } from './util.js';

function toOrg(row: OrgsTable): Org {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    settings: { maxEnabledRepositories: row.max_enabled_repositories },
    createdAt: row.created_at,
  };
}

export function orgStore(db: Db): OrgStore {
  const get = async (id: string) => {
    const row = await db.selectFrom('orgs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toOrg(row) : undefined;
  };
  return {
    async create(input) {
      const row: OrgsTable = {
        id: newId(),
        slug: input.slug,
        name: input.name,
        max_enabled_repositories: input.settings?.maxEnabledRepositories ?? null,
        created_at: nowIso(),
      };
      try {
        await db.insertInto('orgs').values(row).execute();
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new AppError('E_CONFLICT', `an organization named "${input.slug}" exists`, {
          hint: 'choose another slug',
        });
      }
      return toOrg(row);
    },
    get,
    async getBySlug(slug) {
      const row = await db.selectFrom('orgs').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? toOrg(row) : undefined;
    },
    async listForUser(userId) {
      const rows = await db
        .selectFrom('orgs')
        .innerJoin('memberships', 'memberships.org_id', 'orgs.id')
        .selectAll('orgs')
        .select('memberships.role')
        .where('memberships.user_id', '=', userId)
        .orderBy('orgs.slug')
        .execute();
      return rows.map((row) => ({ ...toOrg(row), role: row.role as Role }));
    },
    async updateSettings(id, settings: Partial<OrgSettings>) {
      if (settings.maxEnabledRepositories !== undefined) {
        await db
          .updateTable('orgs')
          .set({ max_enabled_repositories: settings.maxEnabledRepositories })
          .where('id', '=', id)
          .execute();
      }
      const org = await get(id);
      if (!org) throw new AppError('E_NOT_FOUND', 'no such organization', { where: id });
      return org;
    },
    async count() {
      const row = await db
        .selectFrom('orgs')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      return toCount(row?.n);
    },
  };
}
