import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { AppError } from '../../core/errors.js';
import { ecosystemKey, packageKey } from '../ecosystems.js';
import type { Advisory, EpssEntry, KevEntry } from '../model.js';
import { idKey } from './keys.js';
import { diffOf, operationsOf } from './operations.js';
import { PackageLookup } from './package-lookup.js';
import { defaultDbPath } from './paths.js';
import { assemble } from './records.js';
import { SCHEMA_VERSION, schemaVersionOf } from './schema.js';
import type { AdvisoryDb, ByPackageOptions, DbStatus, PackageHit, SourceStatus } from './types.js';

/** Opens the advisory database read-only. Throws E_DB_MISSING / E_DB_CORRUPT with what to do next. */
export function openAdvisoryDb(path: string = defaultDbPath()): AdvisoryDb {
  if (!existsSync(path)) {
    throw new AppError('E_DB_MISSING', 'no advisory database yet', {
      where: path,
      hint: "run 'crowsnest db update' (online) or 'crowsnest db import PATH' (offline)",
    });
  }
  let db: Database.Database;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    db.pragma('query_only = ON');
    // look-ups jump around the file: map it instead of a read() per page
    db.pragma('mmap_size = 1073741824');
    db.pragma('cache_size = -32768');
    // take the shared lock once instead of per statement (a lock, a journal check and a header read
    // each time): updates never write this file, they rename a new one over it (session.ts)
    db.pragma('locking_mode = EXCLUSIVE');
  } catch (error) {
    throw corrupt(path, error);
  }
  const version = schemaVersionOf(db);
  if (version !== SCHEMA_VERSION) {
    db.close();
    throw corrupt(path, undefined, version);
  }
  return new SqliteAdvisoryDb(db, path);
}

function corrupt(path: string, cause?: unknown, version?: number): AppError {
  const what =
    version === undefined
      ? 'the advisory database cannot be read'
      : `the advisory database has layout ${version}, expected ${SCHEMA_VERSION}`;
  return new AppError('E_DB_CORRUPT', what, {
    where: path,
    hint: "run 'crowsnest db update' or 'crowsnest db import PATH' to rebuild it",
    cause,
  });
}

const equivalentKinds = new Set(['id', 'alias', 'upstream']);

interface StoredRecord {
  head: string;
  body: Buffer | string;
}

class SqliteAdvisoryDb implements AdvisoryDb {
  private readonly lookup: PackageLookup;
  private closed = false;
  private readonly byIdStmt;
  private readonly linksByKeyStmt;
  private readonly linksOfStmt;
  private readonly recordStmt;
  private readonly kevStmt;
  private readonly epssStmt;

  constructor(
    private readonly db: Database.Database,
    readonly path: string,
  ) {
    this.lookup = new PackageLookup(db);
    this.byIdStmt = db.prepare(
      `SELECT a.head, b.body FROM advisories a JOIN bodies b ON b.adv = a.rowid
       WHERE a.id = ? ORDER BY a.modified DESC LIMIT 1`,
    );
    this.linksByKeyStmt = db.prepare('SELECT adv, kind FROM links WHERE key = ?');
    this.linksOfStmt = db.prepare('SELECT key, kind FROM links WHERE adv = ?');
    this.recordStmt = db.prepare(
      'SELECT a.head, b.body FROM advisories a JOIN bodies b ON b.adv = a.rowid WHERE a.rowid = ?',
    );
    this.kevStmt = db.prepare('SELECT json FROM kev WHERE cve = ?');
    this.epssStmt = db.prepare('SELECT cve, score, percentile, date, model FROM epss WHERE cve = ?');
  }

  byPackage(ecosystem: string, name: string, options: ByPackageOptions = {}): Advisory[] {
    this.ensureOpen();
    return this.lookup.find(ecosystem, name, Boolean(options.includeWithdrawn));
  }

  byId(id: string): Advisory | undefined {
    this.ensureOpen();
    const row = (this.byIdStmt.get(id.trim()) ?? this.byIdStmt.get(idKey(id))) as StoredRecord | undefined;
    return row ? assemble(row.head, row.body) : undefined;
  }

  byAlias(id: string): Advisory[] {
    this.ensureOpen();
    const key = idKey(id);
    const direct = this.linksByKeyStmt.all(key) as { adv: number; kind: string }[];
    const result = new Set<number>(direct.map((d) => d.adv));
    const sameVuln = new Set<string>([key]);
    const fixes = new Set<string>();
    for (const hit of direct) {
      if (!equivalentKinds.has(hit.kind)) continue;
      for (const link of this.linksOfStmt.all(hit.adv) as { key: string; kind: string }[]) {
        if (equivalentKinds.has(link.kind)) sameVuln.add(link.key);
        else if (hit.kind === 'id') fixes.add(link.key);
      }
    }
    for (const k of sameVuln) {
      for (const hit of this.linksByKeyStmt.all(k) as { adv: number }[]) result.add(hit.adv);
    }
    for (const k of fixes) {
      for (const hit of this.linksByKeyStmt.all(k) as { adv: number; kind: string }[]) {
        if (equivalentKinds.has(hit.kind)) result.add(hit.adv);
      }
    }
    const out: Advisory[] = [];
    for (const rowid of result) {
      const row = this.recordStmt.get(rowid) as StoredRecord | undefined;
      if (row) out.push(assemble(row.head, row.body));
    }
    return out.sort((a, b) => a.id.localeCompare(b.id) || a.source.localeCompare(b.source));
  }

  kev(cve: string): KevEntry | undefined {
    this.ensureOpen();
    const row = this.kevStmt.get(idKey(cve)) as { json: string } | undefined;
    return row ? (JSON.parse(row.json) as KevEntry) : undefined;
  }

  epss(cve: string): EpssEntry | undefined {
    this.ensureOpen();
    const row = this.epssStmt.get(idKey(cve)) as
      | { cve: string; score: number; percentile: number; date: string | null; model: string | null }
      | undefined;
    if (!row) return undefined;
    const entry: EpssEntry = { cve: row.cve, score: row.score, percentile: row.percentile };
    if (row.date) entry.date = row.date;
    if (row.model) entry.model = row.model;
    return entry;
  }

  findPackages(name: string, ecosystem?: string): PackageHit[] {
    this.ensureOpen();
    const eco = ecosystem ? ecosystemKey(ecosystem) : undefined;
    const filter = eco ? (eco.includes(':') ? 'AND ecosystem = ?' : 'AND base = ?') : '';
    const sql = `SELECT ecosystem, name, advisories FROM package_lists
      WHERE name = ? ${filter} ORDER BY ecosystem`;
    const lowered = name.trim().toLowerCase();
    const names = new Set([lowered, packageKey('PyPI', lowered)]);
    const out: PackageHit[] = [];
    for (const n of names) out.push(...(this.db.prepare(sql).all(...(eco ? [n, eco] : [n])) as PackageHit[]));
    return out;
  }

  status(): DbStatus {
    this.ensureOpen();
    const count = (sql: string) => (this.db.prepare(sql).get() as { n: number }).n;
    const sources = (
      this.db.prepare('SELECT * FROM sources ORDER BY source').all() as Record<string, unknown>[]
    ).map(toSourceStatus);
    const lastUpdate = sources
      .map((s) => s.lastSuccess)
      .filter((s): s is string => Boolean(s))
      .sort()
      .at(-1);
    const status: DbStatus = {
      path: this.path,
      schemaVersion: SCHEMA_VERSION,
      sizeBytes: statSync(this.path).size,
      advisories: count('SELECT count(*) AS n FROM advisories'),
      packages: count('SELECT count(*) AS n FROM package_lists'),
      kev: count('SELECT count(*) AS n FROM kev'),
      epss: count('SELECT count(*) AS n FROM epss'),
      sources,
    };
    if (lastUpdate) status.lastUpdate = lastUpdate;
    return status;
  }

  listUpdateOperations(limit?: number) {
    this.ensureOpen();
    return operationsOf(this.db, limit);
  }

  diffOf(operationId: number) {
    this.ensureOpen();
    return diffOf(this.db, operationId);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    // records handed out may still read their heads: the connection stays until they are gone
    this.lookup.release(() => this.db.close());
  }

  private ensureOpen(): void {
    if (this.closed) throw new TypeError('The database connection is not open');
  }
}

function toSourceStatus(row: Record<string, unknown>): SourceStatus {
  const out: SourceStatus = { source: String(row.source), records: Number(row.records ?? 0) };
  const optional: [keyof SourceStatus, string][] = [
    ['fingerprint', 'fingerprint'],
    ['lastAttempt', 'last_attempt'],
    ['lastSuccess', 'last_success'],
    ['lastChange', 'last_change'],
    ['lastError', 'last_error'],
  ];
  for (const [key, column] of optional) {
    const value = row[column];
    if (typeof value === 'string' && value) (out as unknown as Record<string, string>)[key] = value;
  }
  return out;
}
