import { AppError } from '../../core/errors.js';
import type { Notification, Page, Store, Subscription } from '../../store/types.js';
import type { OrgAccess } from '../types.js';

export interface FeedQuery {
  limit?: number;
  offset?: number;
  unreadOnly?: boolean;
}

/** The in-app feed of the caller in one org (E2's pop-ups): every call is scoped to the caller's own user. */
export interface FeedService {
  /** Unread first (newest first within each), then read; `unread` counts the unread ones. */
  list(access: OrgAccess, query?: FeedQuery): Promise<Page<Notification> & { unread: number }>;
  unreadCount(access: OrgAccess): Promise<number>;
  /** Marks the caller's notifications read; ids of others' notifications are ignored. */
  markRead(access: OrgAccess, ids: readonly string[] | 'all'): Promise<number>;
  subscription(access: OrgAccess): Promise<Subscription>;
  /** All repositories, or a chosen list (each must be a repository of the org). */
  setSubscription(
    access: OrgAccess,
    input: { scope: Subscription['scope']; repositoryIds?: string[] },
  ): Promise<Subscription>;
}

const SCAN = 500;

function bounds(query: FeedQuery): { limit: number; offset: number } {
  return {
    limit: Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 500),
    offset: Math.max(Math.trunc(query.offset ?? 0), 0),
  };
}

/**
 * The read ones from position `skip` (among read ones), newest first. The store orders by time only, so this
 * walks the whole list in slices and leaves the unread out; a feed holds what a user was told, which stays small.
 */
async function readOnes(
  store: Store,
  who: { orgId: string; userId: string },
  skip: number,
  wanted: number,
): Promise<Notification[]> {
  const out: Notification[] = [];
  let seen = 0;
  for (let offset = 0; out.length < wanted; offset += SCAN) {
    const page = await store.notifications.list(who.orgId, who.userId, { limit: SCAN, offset });
    for (const item of page.items) {
      if (!item.readAt) continue;
      if (seen++ >= skip && out.length < wanted) out.push(item);
    }
    if (page.items.length < SCAN) break;
  }
  return out;
}

export function feedService(store: Store): FeedService {
  const who = (access: OrgAccess) => ({ orgId: access.org.id, userId: access.principal.user.id });
  const unreadCount = (access: OrgAccess) =>
    store.notifications.unreadCount(access.org.id, access.principal.user.id);
  return {
    async list(access, query = {}) {
      const { orgId, userId } = who(access);
      const { limit, offset } = bounds(query);
      const unread = await unreadCount(access);
      if (query.unreadOnly) {
        const page = await store.notifications.list(orgId, userId, { limit, offset, unreadOnly: true });
        return { ...page, unread };
      }
      const all = await store.notifications.list(orgId, userId, { limit: 1 });
      const items: Notification[] = [];
      if (offset < unread) {
        const page = await store.notifications.list(orgId, userId, { limit, offset, unreadOnly: true });
        items.push(...page.items);
      }
      if (items.length < limit) {
        items.push(
          ...(await readOnes(store, { orgId, userId }, Math.max(0, offset - unread), limit - items.length)),
        );
      }
      return { items, total: all.total, unread };
    },
    unreadCount,
    markRead(access, ids) {
      const { orgId, userId } = who(access);
      return store.notifications.markRead(orgId, userId, ids, new Date().toISOString());
    },
    subscription(access) {
      const { orgId, userId } = who(access);
      return store.subscriptions.get(orgId, userId);
    },
    async setSubscription(access, input) {
      const { orgId, userId } = who(access);
      const repositoryIds = input.scope === 'selected' ? [...new Set(input.repositoryIds ?? [])] : [];
      for (const id of repositoryIds) {
        if (!(await store.repositories.get(orgId, id)))
          throw new AppError('E_NOT_FOUND', 'no such repository in this organization', { where: id });
      }
      return store.subscriptions.set({ orgId, userId, scope: input.scope, repositoryIds });
    },
  };
}
