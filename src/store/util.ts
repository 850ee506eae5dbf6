import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { AppError } from '../core/errors.js';
import type { Database, Db } from './schema.js';
import type { PageQuery } from './types.js';

export const newId = (): string => randomUUID();

export const nowIso = (): string => new Date().toISOString();

/** Page bounds: default 50, at most 500, never negative. */
export function pageBounds(query: PageQuery = {}): { limit: number; offset: number } {
  const limit = Math.min(Math.max(Math.trunc(query.limit ?? 50), 1), 500);
  const offset = Math.max(Math.trunc(query.offset ?? 0), 0);
  return { limit, offset };
}

/** PostgreSQL answers count(*) as a bigint string; SQLite as a number. */
export function toCount(value: unknown): number {
  return Number(value ?? 0);
}

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function packDocument(value: unknown): Buffer {
  return gzipSync(Buffer.from(JSON.stringify(value), 'utf8'), { level: 6 });
}

export function unpackDocument<T>(bytes: Buffer | Uint8Array, where: string): T {
  try {
    return JSON.parse(gunzipSync(bytes).toString('utf8')) as T;
  } catch (error) {
    throw new AppError('E_DB_CORRUPT', 'a stored document cannot be read', { where, cause: error });
  }
}

/** Unique or primary-key violation, in either database. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Optional properties set only when the column holds a value (rows → contract objects). */
export function present<T extends Record<string, unknown>>(
  fields: T,
): Partial<{ [K in keyof T]: NonNullable<T[K]> }> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields))
    if (value !== null && value !== undefined) out[key] = value;
  return out as Partial<{ [K in keyof T]: NonNullable<T[K]> }>;
}

/** Runs `fn` in a transaction, or in the caller's when `db` already is one. */
export async function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return (db as Kysely<Database>).transaction().execute(fn);
}

/** `column LIKE %needle%` with LIKE's wildcards in the needle taken literally (both databases). */
export function containsLike(column: string, needle: string, anyCase = false): RawBuilder<boolean> {
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  if (anyCase) return sql<boolean>`lower(${sql.ref(column)}) like ${pattern.toLowerCase()} escape '\\'`;
  return sql<boolean>`${sql.ref(column)} like ${pattern} escape '\\'`;
}
