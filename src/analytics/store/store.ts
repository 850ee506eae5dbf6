import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from '@duckdb/node-api';
import { AppError } from '../../core/errors.js';
import { dataDir } from '../../core/paths.js';
import type { Granularity } from '../periods.js';
import { isoDate } from '../periods.js';
import type { SaltRecord } from '../privacy/salts.js';
import type { PullBatch } from './batch.js';
import { Labels } from './labels.js';
import { SCHEMA_VERSION, schemaStatements } from './schema.js';

export type SqlValue = string | number | bigint | boolean | null;
export type Row = SqlValue[];

export function analyticsDbPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), 'analytics.duckdb');
}

const tsLiteral = (ms: number): string =>
  `TIMESTAMP '${new Date(ms).toISOString().replace('T', ' ').slice(0, 23)}'`;

/** Plain JS values for CSV and JSON: integers as numbers when exact, dates as YYYY-MM-DD. */
function plain(value: unknown): SqlValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value >= -(2n ** 53n) && value <= 2n ** 53n ? Number(value) : value;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

/**
 * The embedded analytics database (DuckDB). One process owns a database file read-write; others open it
 * read-only (DuckDB's rule), which is what report commands do.
 */
export class AnalyticsStore {
  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    readonly labels: Labels,
    readonly readOnly: boolean,
  ) {}

  static async open(path: string, options: { readOnly?: boolean } = {}): Promise<AnalyticsStore> {
    const readOnly = options.readOnly ?? false;
    if (path !== ':memory:') {
      if (readOnly && !existsSync(path)) {
        throw new AppError('E_DB_MISSING', 'no analytics data yet', {
          where: path,
          hint: 'import pull events first: crowsnest analytics import FILE',
        });
      }
      mkdirSync(dirname(path), { recursive: true });
    }
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path, readOnly ? { access_mode: 'READ_ONLY' } : {});
    } catch (error) {
      throw new AppError('E_DB_CORRUPT', `cannot open the analytics database: ${(error as Error).message}`, {
        where: path,
        hint: 'another process may hold it read-write (the server); stop it or use its API',
      });
    }
    const connection = await instance.connect();
    if (!readOnly) {
      for (const statement of schemaStatements) await connection.run(statement);
      await connection.run(`INSERT OR REPLACE INTO analytics_meta VALUES ('schema', '${SCHEMA_VERSION}')`);
    }
    const labelRows = await connection.runAndReadAll('SELECT id, value FROM analytics_labels');
    const labels = new Labels(labelRows.getRowsJS() as [number, string | null][]);
    return new AnalyticsStore(instance, connection, labels, readOnly);
  }

  async rows(sql: string, params: Record<string, DuckDBValue> = {}): Promise<Row[]> {
    const reader = await this.connection.runAndReadAll(sql, params);
    return reader.getRowsJS().map((row) => row.map(plain));
  }

  /** Streams a query's rows in chunks (large reports never sit in memory whole). */
  async *stream(sql: string, params: Record<string, DuckDBValue> = {}): AsyncGenerator<Row[]> {
    const result = await this.connection.stream(sql, params);
    for await (const rows of result.yieldRowsJs()) yield rows.map((row) => row.map(plain));
  }

  async run(sql: string, params: Record<string, DuckDBValue> = {}): Promise<void> {
    await this.connection.run(sql, params);
  }

  async salts(): Promise<SaltRecord[]> {
    const rows = await this.rows('SELECT granularity, period_start, salt FROM analytics_salts');
    return rows.map(([granularity, start, salt]) => ({
      granularity: granularity as Granularity,
      periodDay: Date.parse(`${start}T00:00:00Z`) / 86_400_000,
      salt: String(salt),
    }));
  }

  /** The time range of the stored actions (epoch ms), null when there are none. */
  async pullRange(): Promise<{ min: number; max: number } | null> {
    const [[min, max]] = (await this.rows(
      'SELECT epoch_ms(MIN(ts)), epoch_ms(MAX(ts)) FROM pull_actions',
    )) as [[number | null, number | null]];
    return min === null || max === null ? null : { min, max };
  }

  /**
   * Writes batches of actions with their new labels and salts in one transaction. Actions already stored
   * (same first event, e.g. a file imported twice) are skipped. Returns how many rows were new.
   *
   * Batches for which `known` says no row can repeat a stored one are appended as they are, several
   * through one appender so DuckDB writes whole row groups; the others are checked row by row.
   */
  async writePulls(
    batches: readonly PullBatch[],
    salts: SaltRecord[],
    known: (batch: PullBatch) => boolean = () => false,
  ): Promise<number> {
    let inserted = 0;
    await this.transaction(salts, async () => {
      const fresh = batches.filter((b) => b.length && known(b));
      if (fresh.length) {
        const appender = await this.connection.createAppender('pull_actions');
        for (const batch of fresh) {
          batch.appendTo(appender);
          inserted += batch.length;
        }
        appender.closeSync();
      }
      for (const batch of batches) {
        if (batch.length && !fresh.includes(batch)) inserted += await this.insertPulls(batch);
      }
    });
    return inserted;
  }

  /** Runs extension-event inserts (`run` returns rows changed) with new labels and salts, atomically. */
  async writeExtensions(salts: SaltRecord[], body: (run: (sql: string) => Promise<number>) => Promise<void>) {
    await this.transaction(salts, () =>
      body(async (sql) => Number((await this.connection.run(sql)).rowsChanged)),
    );
  }

  private async transaction(salts: SaltRecord[], body: () => Promise<void>): Promise<void> {
    const fresh = this.labels.takeNew();
    try {
      await this.connection.run('BEGIN TRANSACTION');
      await this.insertLabels(fresh);
      await this.insertSalts(salts);
      await body();
      await this.connection.run('COMMIT');
    } catch (error) {
      await this.connection.run('ROLLBACK').catch(() => {});
      this.labels.restore(fresh);
      throw new AppError('E_DB_CORRUPT', `cannot store analytics: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }

  private async insertLabels(fresh: [number, string][]): Promise<void> {
    if (!fresh.length) return;
    const appender = await this.connection.createAppender('analytics_labels');
    for (const [id, value] of fresh) {
      appender.appendInteger(id);
      appender.appendVarchar(value);
      appender.endRow();
    }
    appender.closeSync();
  }

  private async insertSalts(salts: SaltRecord[]): Promise<void> {
    for (const { granularity, periodDay, salt } of salts) {
      await this.connection.run('INSERT OR IGNORE INTO analytics_salts VALUES ($g, CAST($d AS DATE), $s)', {
        g: granularity,
        d: isoDate(periodDay),
        s: salt,
      });
    }
  }

  private async insertPulls(batch: PullBatch): Promise<number> {
    const range = `ts BETWEEN ${tsLiteral(batch.minTs)} AND ${tsLiteral(batch.maxTs)}`;
    const [[overlap]] = (await this.rows(`SELECT COUNT(*) FROM pull_actions WHERE ${range}`)) as [[number]];
    if (overlap === 0) {
      // Nothing stored in this time range (a fresh import): nothing to dedupe against, append directly.
      const appender = await this.connection.createAppender('pull_actions');
      batch.appendTo(appender);
      appender.closeSync();
      return batch.length;
    }
    await this.connection.run(
      'CREATE TEMP TABLE IF NOT EXISTS pull_staging AS SELECT * FROM pull_actions WHERE 1 = 0',
    );
    const appender = await this.connection.createAppender('pull_staging', 'main', 'temp');
    batch.appendTo(appender);
    appender.closeSync();
    const result = await this.connection.run(
      `INSERT INTO pull_actions SELECT s.* FROM pull_staging s WHERE NOT EXISTS (
         SELECT 1 FROM pull_actions p WHERE p.${range} AND p.action_key = s.action_key)`,
    );
    await this.connection.run('DELETE FROM pull_staging');
    return Number(result.rowsChanged);
  }

  /** Deletes the salts of periods that ended before the given days: their hashes become unlinkable. */
  async purgeSalts(weeklyBefore: number, monthlyBefore: number): Promise<number> {
    const result = await this.connection.run(
      `DELETE FROM analytics_salts WHERE (granularity = 'weekly' AND period_start < CAST($w AS DATE))
         OR (granularity = 'monthly' AND period_start < CAST($m AS DATE))`,
      { w: isoDate(weeklyBefore), m: isoDate(monthlyBefore) },
    );
    return Number(result.rowsChanged);
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}
