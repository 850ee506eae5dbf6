import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { AppError } from '../core/errors.js';
import { dataDir } from '../core/paths.js';
import { migrateToLatest } from './migrations/index.js';
import type { Database } from './schema.js';
import { createStore } from './store.js';
import type { OpenStoreOptions, Store } from './types.js';

/** The SQLite file when no PostgreSQL URL is given. */
export function defaultStorePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), 'crowsnest.db');
}

export function isPostgresUrl(url: string | undefined): url is string {
  return Boolean(url && /^postgres(ql)?:\/\//i.test(url));
}

async function openSqlite(path: string): Promise<Kysely<Database>> {
  const { default: Sqlite } = await import('better-sqlite3');
  mkdirSync(dirname(path), { recursive: true });
  const database = new Sqlite(path);
  // WAL lets readers run beside the writer; the busy timeout lets a second process wait for the lock
  database.pragma('journal_mode = WAL');
  database.pragma('busy_timeout = 10000');
  database.pragma('foreign_keys = ON');
  database.pragma('synchronous = NORMAL');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database }) });
}

async function openPostgres(url: string, poolSize: number): Promise<Kysely<Database>> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Opens the store and migrates it: PostgreSQL when `databaseUrl` is a `postgres://` URL, SQLite at
 * `sqlitePath` (default `<data dir>/crowsnest.db`) otherwise.
 */
export async function openStore(options: OpenStoreOptions = {}): Promise<Store> {
  const postgres = isPostgresUrl(options.databaseUrl);
  const db = postgres
    ? await openPostgres(options.databaseUrl as string, options.poolSize ?? 10)
    : await openSqlite(options.sqlitePath ?? defaultStorePath());
  const dialect = postgres ? 'postgres' : 'sqlite';
  try {
    await migrateToLatest(db, dialect);
  } catch (error) {
    await db.destroy().catch(() => {});
    if (error instanceof AppError) throw error;
    const where = postgres ? 'CROWSNEST_DATABASE_URL' : options.sqlitePath;
    throw new AppError('E_DB_MISSING', `the store cannot be opened: ${(error as Error).message}`, {
      ...(where ? { where } : {}),
      hint: postgres ? 'check that PostgreSQL is running and the URL is right' : 'check the data directory',
      cause: error,
    });
  }
  return createStore(db, dialect);
}
