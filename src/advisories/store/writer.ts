import type Database from 'better-sqlite3';
import type { Advisory, FeedPayload } from '../model.js';
import { withShownSeverity } from '../severity.js';
import type { PackageKey } from './keys.js';
import { mergeDuplicates } from './merge.js';
import { RecordWriter } from './record-writer.js';
import { encodeRecord, headOf } from './records.js';
import type { AdvisoryChange, OperationStatus } from './types.js';

export interface OperationMeta {
  source: string;
  started: string;
  fingerprint?: string;
  /** Feed state remembered for the next run (validators, last modified...). */
  state?: unknown;
  origin?: string;
}

export interface OperationSummary {
  id: number;
  status: OperationStatus;
  added: number;
  changed: number;
  withdrawn: number;
  removed: number;
  problems: number;
  records: number;
}

interface ExistingRow {
  rowid: number;
  id: string;
  hash: string;
  modified: string;
  withdrawn: string | null;
}

/** Applies one feed's payload in one transaction and records the operation with its diff. */
export function applyPayload(
  db: Database.Database,
  meta: OperationMeta,
  payload: FeedPayload,
): OperationSummary {
  return db.transaction(() => {
    const now = new Date().toISOString();
    const diff = new DiffCollector();
    const existing = new Map<string, ExistingRow>();
    const rows = db
      .prepare('SELECT rowid, id, hash, modified, withdrawn FROM advisories WHERE source = ?')
      .all(meta.source) as ExistingRow[];
    for (const row of rows) existing.set(row.id, row);
    const writer = new RecordWriter(db);
    const incoming = mergeDuplicates(payload.advisories);
    const seen = new Set(incoming.keys());
    for (const advisory of incoming.values())
      upsert(writer, diff, meta.source, advisory, existing.get(advisory.id), now);
    if (payload.complete) {
      for (const row of existing.values()) {
        if (seen.has(row.id)) continue;
        diff.add({ change: 'removed', source: meta.source, id: row.id }, writer.packagesOf(row.rowid));
        writer.remove(row.rowid);
      }
    }
    writer.flush();
    if (payload.kev) applyKev(db, diff, meta.source, payload);
    if (payload.epss) applyEpss(db, meta.source, payload);
    const records = countRecords(db, meta.source, payload);
    const status: OperationStatus = 'updated';
    const id = recordOperation(db, meta, status, now, diff, payload.problems.length);
    upsertSource(db, meta, now, records, diff.total() > 0 || Boolean(payload.epss));
    return { id, status, ...diff.counts(), problems: payload.problems.length, records };
  })();
}

function upsert(
  writer: RecordWriter,
  diff: DiffCollector,
  source: string,
  incoming: Advisory,
  old: ExistingRow | undefined,
  now: string,
): void {
  const advisory = withShownSeverity({ ...incoming, source });
  let record = encodeRecord(advisory);
  if (old && old.hash === record.hash) return;
  if (!advisory.modified) {
    // the hash stays the one of the undated content, so the next identical run is "unchanged"
    advisory.modified = now;
    record = { ...record, head: headOf(advisory) };
  }
  const change = !old ? 'added' : advisory.withdrawn && !old.withdrawn ? 'withdrawn' : 'changed';
  const before = old ? writer.packagesOf(old.rowid) : [];
  writer.write(advisory, record, old?.rowid);
  diff.add({ change, source, id: advisory.id }, [...before, ...record.slices]);
}

class DiffCollector {
  readonly changes: AdvisoryChange[] = [];
  readonly packages = new Map<string, { ecosystem: string; name: string }>();

  add(change: AdvisoryChange, packages: readonly PackageKey[] = []): void {
    this.changes.push(change);
    for (const p of packages)
      this.packages.set(`${p.ecosystem}\u0000${p.name}`, { ecosystem: p.ecosystem, name: p.name });
  }

  total(): number {
    return this.changes.length;
  }

  counts(): { added: number; changed: number; withdrawn: number; removed: number } {
    const count = (kind: string) => this.changes.filter((c) => c.change === kind).length;
    return {
      added: count('added'),
      changed: count('changed'),
      withdrawn: count('withdrawn'),
      removed: count('removed'),
    };
  }
}

function applyKev(db: Database.Database, diff: DiffCollector, source: string, payload: FeedPayload): void {
  const before = new Set(
    (db.prepare('SELECT cve FROM kev WHERE source = ?').all(source) as { cve: string }[]).map((r) => r.cve),
  );
  db.prepare('DELETE FROM kev WHERE source = ?').run(source);
  const insert = db.prepare('INSERT OR REPLACE INTO kev (cve, source, json) VALUES (?, ?, ?)');
  const after = new Set<string>();
  for (const entry of payload.kev ?? []) {
    insert.run(entry.cve, source, JSON.stringify(entry));
    after.add(entry.cve);
  }
  for (const cve of after) if (!before.has(cve)) diff.add({ change: 'kev-added', source, id: cve });
  for (const cve of before) if (!after.has(cve)) diff.add({ change: 'kev-removed', source, id: cve });
}

function applyEpss(db: Database.Database, source: string, payload: FeedPayload): void {
  db.prepare('DELETE FROM epss WHERE source = ?').run(source);
  const insert = db.prepare(
    'INSERT OR REPLACE INTO epss (cve, source, score, percentile, date, model) VALUES (?, ?, ?, ?, ?, ?)',
  );
  for (const e of payload.epss ?? []) {
    insert.run(e.cve, source, e.score, e.percentile, e.date ?? null, e.model ?? null);
  }
}

function countRecords(db: Database.Database, source: string, payload: FeedPayload): number {
  const count = (sql: string) => (db.prepare(sql).get(source) as { n: number }).n;
  if (payload.epss) return count('SELECT count(*) AS n FROM epss WHERE source = ?');
  if (payload.kev) return count('SELECT count(*) AS n FROM kev WHERE source = ?');
  return count('SELECT count(*) AS n FROM advisories WHERE source = ?');
}

function recordOperation(
  db: Database.Database,
  meta: OperationMeta,
  status: OperationStatus,
  finished: string,
  diff: DiffCollector | undefined,
  problems: number,
  error?: string,
): number {
  const counts = diff?.counts() ?? { added: 0, changed: 0, withdrawn: 0, removed: 0 };
  const result = db
    .prepare(
      `INSERT INTO operations (source, started, finished, fingerprint, status, origin, error,
         added, changed, withdrawn, removed, problems) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      meta.source,
      meta.started,
      finished,
      meta.fingerprint ?? null,
      status,
      meta.origin ?? null,
      error ?? null,
      counts.added,
      counts.changed,
      counts.withdrawn,
      counts.removed,
      problems,
    );
  const op = Number(result.lastInsertRowid);
  if (diff) {
    const change = db.prepare('INSERT INTO operation_changes (op, change, source, id) VALUES (?, ?, ?, ?)');
    for (const c of diff.changes) change.run(op, c.change, c.source, c.id);
    const pkg = db.prepare('INSERT OR IGNORE INTO operation_packages (op, ecosystem, name) VALUES (?, ?, ?)');
    for (const p of diff.packages.values()) pkg.run(op, p.ecosystem, p.name);
  }
  return op;
}

function upsertSource(
  db: Database.Database,
  meta: OperationMeta,
  now: string,
  records: number,
  changed: boolean,
): void {
  db.prepare(
    `INSERT INTO sources (source, fingerprint, state, last_attempt, last_success, last_change, last_error, records)
     VALUES (@source, @fingerprint, @state, @now, @now, @change, NULL, @records)
     ON CONFLICT (source) DO UPDATE SET fingerprint = @fingerprint, state = @state, last_attempt = @now,
       last_success = @now, last_change = coalesce(@change, last_change), last_error = NULL, records = @records`,
  ).run({
    source: meta.source,
    fingerprint: meta.fingerprint ?? null,
    state: meta.state === undefined ? null : JSON.stringify(meta.state),
    now,
    change: changed ? now : null,
    records,
  });
}

/** Records a run that found the upstream unchanged: nothing else is touched. */
export function recordUnchanged(db: Database.Database, meta: OperationMeta): OperationSummary {
  return db.transaction(() => {
    const now = new Date().toISOString();
    const id = recordOperation(db, meta, 'unchanged', now, undefined, 0);
    const row = db.prepare('SELECT records FROM sources WHERE source = ?').get(meta.source) as
      | { records: number }
      | undefined;
    upsertSource(db, meta, now, row?.records ?? 0, false);
    return {
      id,
      status: 'unchanged' as const,
      added: 0,
      changed: 0,
      withdrawn: 0,
      removed: 0,
      problems: 0,
      records: row?.records ?? 0,
    };
  })();
}

/** Records a failed run; the source's data stays as it was. */
export function recordFailure(db: Database.Database, meta: OperationMeta, error: string): number {
  return db.transaction(() => {
    const now = new Date().toISOString();
    const id = recordOperation(db, meta, 'failed', now, undefined, 0, error);
    db.prepare(
      `INSERT INTO sources (source, last_attempt, last_error) VALUES (?, ?, ?)
       ON CONFLICT (source) DO UPDATE SET last_attempt = excluded.last_attempt, last_error = excluded.last_error`,
    ).run(meta.source, now, error);
    return id;
  })();
}

/** The fingerprint and state the last successful run of a source left behind. */
export function previousRun(
  db: Database.Database,
  source: string,
): { fingerprint?: string; state?: unknown } {
  const row = db.prepare('SELECT fingerprint, state FROM sources WHERE source = ?').get(source) as
    | { fingerprint: string | null; state: string | null }
    | undefined;
  if (!row) return {};
  return {
    fingerprint: row.fingerprint ?? undefined,
    state: row.state ? (JSON.parse(row.state) as unknown) : undefined,
  };
}
