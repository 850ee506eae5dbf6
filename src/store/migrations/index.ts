import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import { AppError } from '../../core/errors.js';
import type { StoreDialect } from '../types.js';
import { initialUp } from './0001-initial.js';
import { columnTypes } from './column-types.js';

/**
 * The one migration list for both databases, applied in name order. A migration never changes once
 * released: add the next one instead. Dialect differences come only through `columnTypes`.
 */
function migrations(dialect: StoreDialect): Record<string, Migration> {
  const types = columnTypes(dialect);
  return {
    '0001-initial': { up: (db) => initialUp(db, types) },
  };
}

class ListProvider implements MigrationProvider {
  constructor(private readonly dialect: StoreDialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations(this.dialect);
  }
}

/** Brings the schema up to date. Kysely's migration lock keeps concurrent `serve` starts apart. */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on the untyped database
export async function migrateToLatest(db: Kysely<any>, dialect: StoreDialect): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new ListProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    throw new AppError('E_DB_CORRUPT', `store migration failed: ${(error as Error).message ?? error}`, {
      hint: 'the database was left at its previous version; check the database and retry',
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
