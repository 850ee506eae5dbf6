import type { Db, RegistriesTable } from './schema.js';
import type { RegistryRecord, RegistryStore } from './types.js';
import { newId, nowIso, present } from './util.js';

function toRegistry(row: RegistriesTable): RegistryRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    name: row.name,
    url: row.url,
    pollIntervalSeconds: row.poll_interval_seconds,
    createdAt: row.created_at,
    webhookSecretHash: row.webhook_secret_hash,
    ...present({
      username: row.username,
      lastPolledAt: row.last_polled_at,
      credentialsSealed: row.credentials_sealed,
    }),
  };
}

/** A registry's poll is due when it never ran, or its interval has passed since the last run. */
function isDue(registry: RegistryRecord, now: string): boolean {
  if (registry.pollIntervalSeconds === null) return false;
  if (!registry.lastPolledAt) return true;
  return Date.parse(registry.lastPolledAt) + registry.pollIntervalSeconds * 1000 <= Date.parse(now);
}

export function registryStore(db: Db): RegistryStore {
  const get = async (orgId: string, id: string) => {
    const row = await db
      .selectFrom('registries')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRegistry(row) : undefined;
  };
  return {
    async create(input) {
      const row: RegistriesTable = {
        id: newId(),
        org_id: input.orgId,
        name: input.name,
        url: input.url,
        username: input.username ?? null,
        credentials_sealed: input.credentialsSealed ?? null,
        webhook_secret_hash: input.webhookSecretHash,
        poll_interval_seconds: input.pollIntervalSeconds ?? null,
        last_polled_at: null,
        created_at: nowIso(),
      };
      await db.insertInto('registries').values(row).execute();
      return toRegistry(row);
    },
    get,
    async getById(id) {
      const row = await db.selectFrom('registries').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toRegistry(row) : undefined;
    },
    async listByOrg(orgId) {
      const rows = await db
        .selectFrom('registries')
        .selectAll()
        .where('org_id', '=', orgId)
        .orderBy('name')
        .orderBy('id')
        .execute();
      return rows.map(toRegistry);
    },
    async listDueForPoll(now) {
      // few registries poll; the interval test is simpler and portable in code
      const rows = await db
        .selectFrom('registries')
        .selectAll()
        .where('poll_interval_seconds', 'is not', null)
        .execute();
      return rows.map(toRegistry).filter((r) => isDue(r, now));
    },
    async update(orgId, id, patch) {
      const set: Partial<RegistriesTable> = {};
      if (patch.name !== undefined) set.name = patch.name;
      if (patch.url !== undefined) set.url = patch.url;
      if (patch.username !== undefined) set.username = patch.username;
      if (patch.credentialsSealed !== undefined) set.credentials_sealed = patch.credentialsSealed;
      if (patch.webhookSecretHash !== undefined) set.webhook_secret_hash = patch.webhookSecretHash;
      if (patch.pollIntervalSeconds !== undefined) set.poll_interval_seconds = patch.pollIntervalSeconds;
      if (Object.keys(set).length) {
        await db
          .updateTable('registries')
          .set(set)
          .where('org_id', '=', orgId)
          .where('id', '=', id)
          .execute();
      }
      return get(orgId, id);
    },
    async markPolled(id, at) {
      await db.updateTable('registries').set({ last_polled_at: at }).where('id', '=', id).execute();
    },
    async delete(orgId, id) {
      const result = await db
        .deleteFrom('registries')
        .where('org_id', '=', orgId)
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
  };
}
