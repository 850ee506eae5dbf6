import { stringify } from 'csv-stringify/sync';
import type { SqlValue } from '../store/store.js';

/** NULL as the seed's CSVs write it (e.g. TAG is `\N` when no tag was used). */
export const CSV_NULL = '\\N';

function cell(value: SqlValue): string {
  if (value === null) return CSV_NULL;
  return String(value);
}

export function csvHeader(columns: readonly string[]): string {
  return stringify([columns as string[]]);
}

export function csvRows(rows: SqlValue[][]): string {
  return rows.length ? stringify(rows.map((row) => row.map(cell))) : '';
}
