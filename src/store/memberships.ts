import type { Db, MembershipsTable } from './schema.js';
import type { Membership, MembershipStore, Role } from './types.js';
import { nowIso, toCount } from './util.js';

function toMembership(row: MembershipsTable): Membership {
  return { orgId: row.org_id, userId: row.user_id, role: row.role as Role, createdAt: row.created_at };
}

export function membershipStore(db: Db): MembershipStore {
  const get = async (orgId: string, userId: string) => {
    const row = await db
      .selectFrom('memberships')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row ? toMembership(row) : undefined;
  };
  return {
    async put(orgId, userId, role) {
      await db
        .insertInto('memberships')
        .values({ org_id: orgId, user_id: userId, role, created_at: nowIso() })
        .onConflict((oc) => oc.columns(['org_id', 'user_id']).doUpdateSet({ role }))
        .execute();
      return (await get(orgId, userId)) as Membership;
    },
    get,
    async listByOrg(orgId) {
      const rows = await db
        .selectFrom('memberships')
        .innerJoin('users', 'users.id', 'memberships.user_id')
        .selectAll('memberships')
        .select(['users.email', 'users.name'])
        .where('memberships.org_id', '=', orgId)
        .orderBy('users.email')
        .execute();
      return rows.map((row) => ({ ...toMembership(row), email: row.email, name: row.name }));
    },
    async remove(orgId, userId) {
      const result = await db
        .deleteFrom('memberships')
        .where('org_id', '=', orgId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async countOwners(orgId) {
      const row = await db
        .selectFrom('memberships')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('org_id', '=', orgId)
        .where('role', '=', 'owner')
        .executeTakeFirst();
      return toCount(row?.n);
    },
  };
}
