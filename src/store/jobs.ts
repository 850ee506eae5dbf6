import { type Kysely, sql } from 'kysely';
import type { Database, Db, JobsTable } from './schema.js';
import type { EnqueueInput, Job, JobState, JobStore, StoreDialect } from './types.js';
import { inTransaction, newId, nowIso, pageBounds, parseJson, present, toCount } from './util.js';

function toJob(row: JobsTable): Job {
  return {
    id: row.id,
    kind: row.kind,
    key: row.key,
    payload: parseJson<Record<string, unknown>>(row.payload, {}),
    state: row.state as JobState,
    attempts: row.attempts,
    maxAttempts: row.max_attempts,
    runAfter: row.run_after,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...present({
      orgId: row.org_id,
      repositoryId: row.repository_id,
      digest: row.digest,
      leaseOwner: row.lease_owner,
      leaseUntil: row.lease_until,
      lastError: row.last_error,
      finishedAt: row.finished_at,
    }),
  };
}

interface ClaimOptions {
  leaseMs: number;
  limit: number;
  kinds?: readonly string[];
  now?: string;
}

/** Due jobs, oldest first: queued ones whose time has come and running ones whose worker stopped renewing. */
function dueQuery(db: Db, now: string, options: ClaimOptions) {
  let query = db
    .selectFrom('jobs')
    .selectAll()
    .where((eb) =>
      eb.or([
        eb.and([eb('state', '=', 'queued'), eb('run_after', '<=', now)]),
        eb.and([eb('state', '=', 'running'), eb('lease_until', '<', now)]),
      ]),
    );
  if (options.kinds?.length) query = query.where('kind', 'in', [...options.kinds]);
  return query.orderBy('run_after').orderBy('created_at').orderBy('id').limit(options.limit);
}

/** Leases the selected rows (inside the caller's transaction); a job out of attempts fails instead. */
async function lease(
  trx: Db,
  rows: JobsTable[],
  worker: string,
  now: string,
  leaseMs: number,
): Promise<Job[]> {
  const leaseUntil = new Date(Date.parse(now) + leaseMs).toISOString();
  const claimed: Job[] = [];
  for (const row of rows) {
    if (row.attempts >= row.max_attempts) {
      const lastError = row.last_error ?? `its worker stopped after ${row.attempts} attempts`;
      await trx
        .updateTable('jobs')
        .set({
          state: 'failed',
          lease_owner: null,
          lease_until: null,
          finished_at: now,
          updated_at: now,
          last_error: lastError,
        })
        .where('id', '=', row.id)
        .execute();
      continue;
    }
    const updated: JobsTable = {
      ...row,
      state: 'running',
      attempts: row.attempts + 1,
      lease_owner: worker,
      lease_until: leaseUntil,
      updated_at: now,
    };
    await trx.updateTable('jobs').set(updated).where('id', '=', row.id).execute();
    claimed.push(toJob(updated));
  }
  return claimed;
}

/**
 * PostgreSQL: `FOR UPDATE SKIP LOCKED` lets several processes claim side by side. SQLite: one immediate
 * transaction takes the write lock before reading, so two processes never read the same due row.
 */
async function claim(db: Db, dialect: StoreDialect, worker: string, options: ClaimOptions): Promise<Job[]> {
  const now = options.now ?? nowIso();
  if (dialect === 'postgres') {
    return inTransaction(db, async (trx) => {
      const rows = await dueQuery(trx, now, options).forUpdate().skipLocked().execute();
      return lease(trx, rows, worker, now, options.leaseMs);
    });
  }
  if (db.isTransaction)
    return lease(db, await dueQuery(db, now, options).execute(), worker, now, options.leaseMs);
  return (db as Kysely<Database>).connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const rows = await dueQuery(conn, now, options).execute();
      const claimed = await lease(conn, rows, worker, now, options.leaseMs);
      await sql`commit`.execute(conn);
      return claimed;
    } catch (error) {
      await sql`rollback`.execute(conn).catch(() => {});
      throw error;
    }
  });
}

export function jobStore(db: Db, dialect: StoreDialect): JobStore {
  const get = async (id: string) => {
    const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toJob(row) : undefined;
  };
  const held = (id: string, worker: string) =>
    db
      .updateTable('jobs')
      .where('id', '=', id)
      .where('lease_owner', '=', worker)
      .where('state', '=', 'running');
  return {
    enqueue: (input: EnqueueInput, options = {}) =>
      inTransaction(db, async (trx) => {
        const now = options.now ?? nowIso();
        const row: JobsTable = {
          id: newId(),
          kind: input.kind,
          key: input.key,
          org_id: input.orgId ?? null,
          repository_id: input.repositoryId ?? null,
          digest: input.digest ?? null,
          payload: JSON.stringify(input.payload ?? {}),
          state: 'queued',
          attempts: 0,
          max_attempts: input.maxAttempts ?? 5,
          run_after: input.runAfter ?? now,
          lease_owner: null,
          lease_until: null,
          last_error: null,
          created_at: now,
          updated_at: now,
          finished_at: null,
        };
        const inserted = await trx
          .insertInto('jobs')
          .values(row)
          .onConflict((oc) => oc.columns(['kind', 'key']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) return { job: toJob(row), created: true };
        const existing = await trx
          .selectFrom('jobs')
          .selectAll()
          .where('kind', '=', input.kind)
          .where('key', '=', input.key)
          .executeTakeFirstOrThrow();
        if (existing.state !== 'failed' || !options.retryFailed)
          return { job: toJob(existing), created: false };
        const again: JobsTable = {
          ...existing,
          payload: row.payload,
          state: 'queued',
          attempts: 0,
          run_after: row.run_after,
          finished_at: null,
          updated_at: now,
        };
        await trx.updateTable('jobs').set(again).where('id', '=', existing.id).execute();
        return { job: toJob(again), created: true };
      }),
    claim: (worker, options) => claim(db, dialect, worker, options),
    async heartbeat(id, worker, leaseUntil) {
      const result = await held(id, worker).set({ lease_until: leaseUntil }).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async complete(id, worker, now = nowIso()) {
      const result = await held(id, worker)
        .set({
          state: 'done',
          lease_owner: null,
          lease_until: null,
          finished_at: now,
          updated_at: now,
          last_error: null,
        })
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async fail(id, worker, error, retryAt, now = nowIso()) {
      const message = error.slice(0, 2000);
      const result = await held(id, worker)
        .set((eb) => ({
          state: retryAt
            ? eb.case().when('attempts', '>=', eb.ref('max_attempts')).then('failed').else('queued').end()
            : 'failed',
          run_after: retryAt ?? eb.ref('run_after'),
          finished_at: retryAt
            ? eb.case().when('attempts', '>=', eb.ref('max_attempts')).then(now).else(null).end()
            : now,
          lease_owner: null,
          lease_until: null,
          last_error: message,
          updated_at: now,
        }))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    get,
    async list(query) {
      const { limit, offset } = pageBounds(query);
      let base = db.selectFrom('jobs');
      if (query.orgId) base = base.where('org_id', '=', query.orgId);
      if (query.state) base = base.where('state', '=', query.state);
      if (query.kind) base = base.where('kind', '=', query.kind);
      const [rows, total] = await Promise.all([
        base.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(limit).offset(offset).execute(),
        base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirst(),
      ]);
      return { items: rows.map(toJob), total: toCount(total?.n) };
    },
    async counts() {
      const rows = await db
        .selectFrom('jobs')
        .select(['state', (eb) => eb.fn.countAll().as('n')])
        .groupBy('state')
        .execute();
      const out: Record<JobState, number> = { queued: 0, running: 0, done: 0, failed: 0 };
      for (const row of rows) out[row.state as JobState] = toCount(row.n);
      return out;
    },
  };
}
