import type { StoreDialect } from '../types.js';

/** The few column types the two databases spell differently; migrations take them from here only. */
export interface ColumnTypes {
  binary: 'blob' | 'bytea';
}

export function columnTypes(dialect: StoreDialect): ColumnTypes {
  return { binary: dialect === 'postgres' ? 'bytea' : 'blob' };
}
