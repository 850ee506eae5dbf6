import type { ApiTokensTable, Db } from './schema.js';
import type { ApiToken, Role, TokenStore } from './types.js';
import { newId, nowIso, present } from './util.js';

function toToken(row: ApiTokensTable): ApiToken {
  return {
    id: row.id,
    orgId: row.org_id,
    userId: row.user_id,
    name: row.name,
    role: row.role as Role,
    prefix: row.prefix,
    createdAt: row.created_at,
    ...present({ lastUsedAt: row.last_used_at, expiresAt: row.expires_at, revokedAt: row.revoked_at }),
  };
}

export function tokenStore(db: Db): TokenStore {
  return {
    async create(input) {
      const row: ApiTokensTable = {
        id: newId(),
        org_id: input.orgId,
        user_id: input.userId,
        name: input.name,
        role: input.role,
        prefix: input.prefix,
        secret_hash: input.secretHash,
        created_at: nowIso(),
        last_used_at: null,
        expires_at: input.expiresAt ?? null,
        revoked_at: null,
      };
      await db.insertInto('api_tokens').values(row).execute();
      return toToken(row);
    },
    async findBySecretHash(secretHash) {
      const row = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('secret_hash', '=', secretHash)
        .executeTakeFirst();
      return row ? toToken(row) : undefined;
    },
    async listByOrg(orgId) {
      const rows = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('org_id', '=', orgId)
        .orderBy('created_at', 'desc')
        .orderBy('id')
        .execute();
      return rows.map(toToken);
    },
    async revoke(orgId, id, at) {
      const result = await db
        .updateTable('api_tokens')
        .set({ revoked_at: at })
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async touch(id, at) {
      await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
    },
  };
}
