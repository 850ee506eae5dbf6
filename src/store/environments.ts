import type { Db, EnvironmentsTable } from './schema.js';
import type { EnvironmentEntry, EnvironmentStore } from './types.js';
import { present } from './util.js';

function toEntry(row: EnvironmentsTable): EnvironmentEntry {
  return {
    orgId: row.org_id,
    repositoryId: row.repository_id,
    name: row.name,
    digest: row.digest,
    recordedAt: row.recorded_at,
    ...present({ recordedBy: row.recorded_by }),
  };
}

export function environmentStore(db: Db): EnvironmentStore {
  return {
    async record(entry) {
      const row: EnvironmentsTable = {
        org_id: entry.orgId,
        repository_id: entry.repositoryId,
        name: entry.name,
        digest: entry.digest,
        recorded_at: entry.recordedAt,
        recorded_by: entry.recordedBy ?? null,
      };
      await db
        .insertInto('environments')
        .values(row)
        .onConflict((oc) =>
          oc
            .columns(['repository_id', 'name'])
            .doUpdateSet({ digest: row.digest, recorded_at: row.recorded_at, recorded_by: row.recorded_by })
            // never across orgs, whatever id a caller passes
            .where('environments.org_id', '=', row.org_id),
        )
        .execute();
      return toEntry(row);
    },
    async list(orgId, query = {}) {
      let base = db.selectFrom('environments').selectAll().where('org_id', '=', orgId);
      if (query.repositoryId) base = base.where('repository_id', '=', query.repositoryId);
      if (query.name) base = base.where('name', '=', query.name);
      const rows = await base.orderBy('name').orderBy('repository_id').execute();
      return rows.map(toEntry);
    },
  };
}
