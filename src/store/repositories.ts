import { AppError } from '../core/errors.js';
import type { Db, RepositoriesTable } from './schema.js';
import type { AnalysisMode, Repository, RepositoryQuery, RepositoryStore, StoreDialect } from './types.js';
import { containsLike, inTransaction, newId, nowIso, pageBounds, present, toCount } from './util.js';

export function toRepository(row: RepositoriesTable): Repository {
  return {
    id: row.id,
    orgId: row.org_id,
    registryId: row.registry_id,
    name: row.name,
    mode: row.mode as AnalysisMode,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...present({
      lastPushedTag: row.last_pushed_tag,
      lastPushedDigest: row.last_pushed_digest,
      lastPushedAt: row.last_pushed_at,
    }),
  };
}

const sortColumns = {
  name: ['name', 'asc'],
  '-name': ['name', 'desc'],
  lastPushedAt: ['last_pushed_at', 'asc'],
  '-lastPushedAt': ['last_pushed_at', 'desc'],
} as const;

async function countEnabled(db: Db, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('repositories')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('org_id', '=', orgId)
    .where('mode', '!=', 'none')
    .executeTakeFirst();
  return toCount(row?.n);
}

export function repositoryStore(db: Db, dialect: StoreDialect): RepositoryStore {
  const get = async (orgId: string, id: string) => {
    const row = await db
      .selectFrom('repositories')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('id', '=', id)
      .executeTakeFirst();
    return row ? toRepository(row) : undefined;
  };
  const getByName = async (orgId: string, registryId: string, name: string) => {
    const row = await db
      .selectFrom('repositories')
      .selectAll()
      .where('org_id', '=', orgId)
      .where('registry_id', '=', registryId)
      .where('name', '=', name)
      .executeTakeFirst();
    return row ? toRepository(row) : undefined;
  };
  return {
    async ensure(orgId, registryId, name) {
      const at = nowIso();
      await db
        .insertInto('repositories')
        .values({
          id: newId(),
          org_id: orgId,
          registry_id: registryId,
          name,
          mode: 'none',
          last_pushed_tag: null,
          last_pushed_digest: null,
          last_pushed_at: null,
          created_at: at,
          updated_at: at,
        })
        .onConflict((oc) => oc.columns(['registry_id', 'name']).doNothing())
        .execute();
      const found = await getByName(orgId, registryId, name);
      if (!found) throw new AppError('E_NOT_FOUND', `repository ${name} is not in this organization`);
      return found;
    },
    get,
    getByName,
    async list(orgId, query: RepositoryQuery = {}) {
      const { limit, offset } = pageBounds(query);
      let base = db.selectFrom('repositories').where('org_id', '=', orgId);
      if (query.registryId) base = base.where('registry_id', '=', query.registryId);
      if (query.mode) base = base.where('mode', '=', query.mode);
      if (query.search) {
        base = base.where(containsLike('name', query.search, true));
      }
      const [column, direction] = sortColumns[query.sort ?? 'name'];
      const [rows, total] = await Promise.all([
        base.selectAll().orderBy(column, direction).orderBy('id').limit(limit).offset(offset).execute(),
        base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
      ]);
      return { items: rows.map(toRepository), total: toCount(total?.n) };
    },
    async setMode(orgId, id, mode, cap) {
      return inTransaction(db, async (trx) => {
        // the org row is the lock that keeps two enables from both passing the cap
        if (dialect === 'postgres') {
          await trx.selectFrom('orgs').select('id').where('id', '=', orgId).forUpdate().execute();
        }
        const current = await repositoryStore(trx, dialect).get(orgId, id);
        if (!current) throw new AppError('E_NOT_FOUND', 'no such repository in this organization');
        if (mode !== 'none' && current.mode === 'none' && cap !== null) {
          const enabled = await countEnabled(trx, orgId);
          if (enabled >= cap) {
            throw new AppError(
              'E_LIMIT_EXCEEDED',
              `this organization may analyse at most ${cap} repositories`,
              {
                where: current.name,
                hint: 'disable another repository or raise the cap in the organization settings',
              },
            );
          }
        }
        await trx
          .updateTable('repositories')
          .set({ mode, updated_at: nowIso() })
          .where('org_id', '=', orgId)
          .where('id', '=', id)
          .execute();
        return { ...current, mode };
      });
    },
    countEnabled: (orgId) => countEnabled(db, orgId),
    recordPush: (id, push) =>
      inTransaction(db, async (trx) => {
        await trx
          .insertInto('repository_tags')
          .values({ repository_id: id, tag: push.tag, digest: push.digest, pushed_at: push.at })
          .onConflict((oc) =>
            oc
              .columns(['repository_id', 'tag'])
              .doUpdateSet({ digest: push.digest, pushed_at: push.at })
              .where('repository_tags.pushed_at', '<=', push.at),
          )
          .execute();
        if (push.lastPushed === false) return;
        await trx
          .updateTable('repositories')
          .set({ last_pushed_tag: push.tag, last_pushed_digest: push.digest, last_pushed_at: push.at })
          .where('id', '=', id)
          .where((eb) => eb.or([eb('last_pushed_at', 'is', null), eb('last_pushed_at', '<=', push.at)]))
          .execute();
      }),
    async recordIndex(id, indexDigest, manifestDigests) {
      const rows = [...new Set(manifestDigests)].map((manifest_digest) => ({
        repository_id: id,
        index_digest: indexDigest,
        manifest_digest,
      }));
      if (!rows.length) return;
      await db
        .insertInto('index_manifests')
        .values(rows)
        .onConflict((oc) => oc.columns(['repository_id', 'index_digest', 'manifest_digest']).doNothing())
        .execute();
    },
    async tags(orgId, id) {
      const rows = await db
        .selectFrom('repository_tags')
        .innerJoin('repositories', 'repositories.id', 'repository_tags.repository_id')
        .select(['repository_tags.tag', 'repository_tags.digest', 'repository_tags.pushed_at'])
        .where('repositories.org_id', '=', orgId)
        .where('repositories.id', '=', id)
        .orderBy('repository_tags.pushed_at', 'desc')
        .orderBy('repository_tags.tag')
        .execute();
      return rows.map((r) => ({ tag: r.tag, digest: r.digest, pushedAt: r.pushed_at }));
    },
  };
}
