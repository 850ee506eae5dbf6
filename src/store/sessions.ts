import type { Db } from './schema.js';
import type { SessionStore } from './types.js';
import { newId, nowIso } from './util.js';

export function sessionStore(db: Db): SessionStore {
  return {
    async create(input) {
      const row = {
        id: newId(),
        user_id: input.userId,
        secret_hash: input.secretHash,
        created_at: nowIso(),
        expires_at: input.expiresAt,
      };
      await db.insertInto('sessions').values(row).execute();
      return { id: row.id, userId: row.user_id, createdAt: row.created_at, expiresAt: row.expires_at };
    },
    async findBySecretHash(secretHash, now) {
      const row = await db
        .selectFrom('sessions')
        .selectAll()
        .where('secret_hash', '=', secretHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row
        ? { id: row.id, userId: row.user_id, createdAt: row.created_at, expiresAt: row.expires_at }
        : undefined;
    },
    async delete(id) {
      await db.deleteFrom('sessions').where('id', '=', id).execute();
    },
    async deleteExpired(now) {
      const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
