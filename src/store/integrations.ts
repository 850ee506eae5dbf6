import type { Db, IntegrationsTable } from './schema.js';
import type { IntegrationRecord, IntegrationStore } from './types.js';
import { newId, nowIso } from './util.js';

function toIntegration(row: IntegrationsTable): IntegrationRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    kind: 'webhook',
    name: row.name,
    url: row.url,
    enabled: row.enabled === 1,
    secretSealed: row.secret_sealed,
    createdAt: row.created_at,
  };
}

export function integrationStore(db: Db): IntegrationStore {
  const get = async (orgId: string, id: string) => {
    const row = await db
      .selectFrom('integrations')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toIntegration(row) : undefined;
  };
  return {
    async create(input) {
      const row: IntegrationsTable = {
        id: newId(),
        org_id: input.orgId,
        kind: input.kind,
        name: input.name,
        url: input.url,
        enabled: input.enabled ? 1 : 0,
        secret_sealed: input.secretSealed,
        created_at: nowIso(),
      };
      await db.insertInto('integrations').values(row).execute();
      return toIntegration(row);
    },
    get,
    async list(orgId) {
      const rows = await db
        .selectFrom('integrations')
        .selectAll()
        .where('org_id', '=', orgId)
        .orderBy('name')
        .orderBy('id')
        .execute();
      return rows.map(toIntegration);
    },
    async update(orgId, id, patch) {
      const set: Partial<IntegrationsTable> = {};
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.url !== undefined) set.url = patch.url;
      if (patch.enabled !== undefined) set.enabled = patch.enabled ? 1 : 0;
      if (patch.secretSealed !== undefined) set.secret_sealed = patch.secretSealed;
      if (Object.keys(set).length) {
        await db
          .updateTable('integrations')
          .set(set)
          .where('org_id', '=', orgId)
          .where('id', '=', id)
          .execute();
      }
      return get(orgId, id);
    },
    async delete(orgId, id) {
      const result = await db
        .deleteFrom('integrations')
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
