import type { Db, NotificationsTable } from './schema.js';
import type { Notification, NotificationStore, SeverityName } from './types.js';
import { newId, pageBounds, parseJson, present, toCount } from './util.js';

function toNotification(row: NotificationsTable): Notification {
  return {
    id: row.id,
    orgId: row.org_id,
    userId: row.user_id,
    repositoryId: row.repository_id,
    kind: row.kind,
    severity: row.severity as SeverityName,
    title: row.title,
    body: parseJson<Record<string, unknown>>(row.body, {}),
    createdAt: row.created_at,
    ...present({ imageId: row.image_id, readAt: row.read_at }),
  };
}

export function notificationStore(db: Db): NotificationStore {
  return {
    async create(items, at) {
      const rows: NotificationsTable[] = items.map((item) => ({
        id: newId(),
        org_id: item.orgId,
        user_id: item.userId,
        repository_id: item.repositoryId,
        image_id: item.imageId ?? null,
        kind: item.kind,
        severity: item.severity,
        title: item.title,
        body: JSON.stringify(item.body),
        created_at: at,
        read_at: null,
      }));
      if (rows.length) await db.insertInto('notifications').values(rows).execute();
      return rows.map(toNotification);
    },
    async list(orgId, userId, query = {}) {
      const { limit, offset } = pageBounds(query);
      let base = db.selectFrom('notifications').where('org_id', '=', orgId).where('user_id', '=', userId);
      if (query.unreadOnly) base = base.where('read_at', 'is', null);
      const [rows, total] = await Promise.all([
        base.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
        base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
      ]);
      return { items: rows.map(toNotification), total: toCount(total?.n) };
    },
    async markRead(orgId, userId, ids, at) {
      if (ids !== 'all' && ids.length === 0) return 0;
      let update = db
        .updateTable('notifications')
        .set({ read_at: at })
        .where('org_id', '=', orgId)
        .where('user_id', '=', userId)
        .where('read_at', 'is', null);
      if (ids !== 'all') update = update.where('id', 'in', [...ids]);
      const result = await update.executeTakeFirst();
      return Number(result.numUpdatedRows);
    },
    async unreadCount(orgId, userId) {
      const row = await db
        .selectFrom('notifications')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('org_id', '=', orgId)
        .where('user_id', '=', userId)
        .where('read_at', 'is', null)
        .executeTakeFirst();
      return toCount(row?.n);
    },
  };
}
