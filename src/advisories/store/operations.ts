import type Database from 'better-sqlite3';
import type { AdvisoryChange, UpdateDiff, UpdateOperation } from './types.js';

interface OperationRow {
  id: number;
  source: string;
  started: string;
  finished: string;
  fingerprint: string | null;
  status: UpdateOperation['status'];
  origin: string | null;
  error: string | null;
  added: number;
  changed: number;
  withdrawn: number;
  removed: number;
  problems: number;
}

function toOperation(row: OperationRow): UpdateOperation {
  const { fingerprint, origin, error, ...rest } = row;
  const op: UpdateOperation = { ...rest };
  if (fingerprint) op.fingerprint = fingerprint;
  if (origin) op.origin = origin;
  if (error) op.error = error;
  return op;
}

/** Update operations, newest first. */
export function operationsOf(db: Database.Database, limit = 1000): UpdateOperation[] {
  const rows = db.prepare('SELECT * FROM operations ORDER BY id DESC LIMIT ?').all(limit) as OperationRow[];
  return rows.map(toOperation);
}

/** What one operation changed, with the (ecosystem, package) pairs to re-evaluate. */
export function diffOf(db: Database.Database, operationId: number): UpdateDiff | undefined {
  const row = db.prepare('SELECT * FROM operations WHERE id = ?').get(operationId) as
    | OperationRow
    | undefined;
  if (!row) return undefined;
  const changes = db
    .prepare('SELECT change, source, id FROM operation_changes WHERE op = ? ORDER BY rowid')
    .all(operationId) as AdvisoryChange[];
  const packages = db
    .prepare('SELECT ecosystem, name FROM operation_packages WHERE op = ? ORDER BY ecosystem, name')
    .all(operationId) as { ecosystem: string; name: string }[];
  return { operation: toOperation(row), changes, packages };
}

/**
 * Drops the per-record diff of operations older than `keepDays` (the operations themselves stay, as a
 * log). Diffs exist so stored images can be re-evaluated; a year-old diff has long been acted on.
 */
export function pruneOperationDiffs(db: Database.Database, now: Date, keepDays = 365): void {
  const cutoff = new Date(now.getTime() - keepDays * 86_400_000).toISOString();
  const old = 'SELECT id FROM operations WHERE finished < ?';
  db.prepare(`DELETE FROM operation_changes WHERE op IN (${old})`).run(cutoff);
  db.prepare(`DELETE FROM operation_packages WHERE op IN (${old})`).run(cutoff);
}
