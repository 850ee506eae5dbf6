import type { ReportContext } from './context.js';

/**
 * A CSV report: its exact columns (the seed's names and order) and one SQL query over the store that
 * returns exactly those columns, in order, already sorted. The whole report is the SQL, so the same
 * text runs on another backend and the bench can time it directly in DuckDB.
 */
export interface ReportDefinition {
  name: string;
  columns: readonly string[];
  /** Premium reports need a repository with the verified-publisher badge (G1). */
  premium: boolean;
  sql(ctx: ReportContext): string;
}
