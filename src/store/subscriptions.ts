import type { Db } from './schema.js';
import type { Subscription, SubscriptionStore } from './types.js';
import { parseJson } from './util.js';

export function subscriptionStore(db: Db): SubscriptionStore {
  const get = async (orgId: string, userId: string): Promise<Subscription> => {
    const row = await db
      .selectFrom('subscriptions')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    if (!row) return { orgId, userId, scope: 'all', repositoryIds: [] };
    return {
      orgId,
      userId,
      scope: row.scope === 'selected' ? 'selected' : 'all',
      repositoryIds: parseJson<string[]>(row.repository_ids, []),
    };
  };
  return {
    get,
    async set(subscription) {
      const repositoryIds = JSON.stringify([...new Set(subscription.repositoryIds)].sort());
      await db
        .insertInto('subscriptions')
        .values({
          org_id: subscription.orgId,
          user_id: subscription.userId,
          scope: subscription.scope,
          repository_ids: repositoryIds,
        })
        .onConflict((oc) =>
          oc
            .columns(['org_id', 'user_id'])
            .doUpdateSet({ scope: subscription.scope, repository_ids: repositoryIds }),
        )
        .execute();
      return get(subscription.orgId, subscription.userId);
    },
    async subscribersOf(orgId, repositoryId) {
      const rows = await db
        .selectFrom('memberships')
        .leftJoin('subscriptions', (join) =>
          join
            .onRef('subscriptions.org_id', '=', 'memberships.org_id')
            .onRef('subscriptions.user_id', '=', 'memberships.user_id'),
        )
        .select(['memberships.user_id', 'subscriptions.scope', 'subscriptions.repository_ids'])
        .where('memberships.org_id', '=', orgId)
        .orderBy('memberships.user_id')
        .execute();
      return rows
        .filter(
          (row) =>
            row.scope !== 'selected' || parseJson<string[]>(row.repository_ids, []).includes(repositoryId),
        )
        .map((row) => row.user_id);
    },
  };
}
