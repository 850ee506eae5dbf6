import type Database from 'better-sqlite3';

/** Bumped when the layout changes; a database with another version is rebuilt by the next update. */
export const SCHEMA_VERSION = 2;

/**
 * Records are JSON text. A package look-up reads one `package_lists` row (every advisory naming that
 * package, with its slice: package-lists.ts) and the heads of only the records it goes on to use; byId
 * reads a head and a body. `packages` says which lists each record is in, for updates and diffs.
 * Layout 1 kept slices in per-(record, package) rows: a look-up cost one index seek per advisory.
 */
const ddl = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS advisories (
  rowid INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  id TEXT NOT NULL,
  modified TEXT NOT NULL,
  withdrawn TEXT,
  hash TEXT NOT NULL,
  head TEXT NOT NULL,
  UNIQUE (source, id)
);
CREATE INDEX IF NOT EXISTS advisories_id ON advisories (id);
CREATE TABLE IF NOT EXISTS bodies (
  adv INTEGER PRIMARY KEY,
  body NOT NULL
);
CREATE TABLE IF NOT EXISTS packages (
  adv INTEGER NOT NULL,
  ecosystem TEXT NOT NULL,
  name TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS packages_adv ON packages (adv);
CREATE TABLE IF NOT EXISTS package_lists (
  rowid INTEGER PRIMARY KEY,
  base TEXT NOT NULL,
  name TEXT NOT NULL,
  ecosystem TEXT NOT NULL,
  advisories INTEGER NOT NULL,
  entries TEXT NOT NULL,
  UNIQUE (base, name, ecosystem)
);
CREATE TABLE IF NOT EXISTS links (
  key TEXT NOT NULL,
  adv INTEGER NOT NULL,
  kind TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS links_adv ON links (adv);
CREATE TABLE IF NOT EXISTS kev (
  cve TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS epss (
  cve TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  score REAL NOT NULL,
  percentile REAL NOT NULL,
  date TEXT,
  model TEXT
);
CREATE TABLE IF NOT EXISTS sources (
  source TEXT PRIMARY KEY,
  fingerprint TEXT,
  state TEXT,
  last_attempt TEXT,
  last_success TEXT,
  last_change TEXT,
  last_error TEXT,
  records INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS operations (
  id INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  started TEXT NOT NULL,
  finished TEXT NOT NULL,
  fingerprint TEXT,
  status TEXT NOT NULL,
  origin TEXT,
  error TEXT,
  added INTEGER NOT NULL DEFAULT 0,
  changed INTEGER NOT NULL DEFAULT 0,
  withdrawn INTEGER NOT NULL DEFAULT 0,
  removed INTEGER NOT NULL DEFAULT 0,
  problems INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS operation_changes (
  op INTEGER NOT NULL,
  change TEXT NOT NULL,
  source TEXT NOT NULL,
  id TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS operation_changes_op ON operation_changes (op);
CREATE TABLE IF NOT EXISTS operation_packages (
  op INTEGER NOT NULL,
  ecosystem TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (op, ecosystem, name)
) WITHOUT ROWID;
`;

/** Look-up indexes over text keys: cheaper to build once after a bulk load than to grow row by row. */
const lookupIndexes = `
CREATE INDEX IF NOT EXISTS package_lists_name ON package_lists (name);
CREATE INDEX IF NOT EXISTS links_key ON links (key);
`;

export function createLookupIndexes(db: Database.Database): void {
  db.exec(lookupIndexes);
}

/** Creates missing tables; `deferIndexes` leaves the look-up indexes to `createLookupIndexes` (fresh files). */
export function createSchema(db: Database.Database, options: { deferIndexes?: boolean } = {}): void {
  db.exec(ddl);
  if (!options.deferIndexes) createLookupIndexes(db);
  db.prepare('INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)').run(
    'schema_version',
    String(SCHEMA_VERSION),
  );
}

export function schemaVersionOf(db: Database.Database): number | undefined {
  try {
    const row = db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").get() as
      | { value: string }
      | undefined;
    return row ? Number(row.value) : undefined;
  } catch {
    return undefined;
  }
}
