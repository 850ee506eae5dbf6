import type { DbStatus } from '../store/types.js';
import { formatAge } from './age.js';

export interface StatusView extends DbStatus {
  ageMs?: number;
  maxAgeMs: number;
  stale: boolean;
  /** Sources whose last success is older than the maximum age, or that never succeeded. */
  staleSources: string[];
}

/** Adds age and staleness to the database status. */
export function statusView(status: DbStatus, now: Date, maxAgeMs: number): StatusView {
  const age = (iso?: string) => (iso ? now.getTime() - Date.parse(iso) : undefined);
  const ageMs = age(status.lastUpdate);
  const staleSources = status.sources
    .filter((s) => {
      const a = age(s.lastSuccess);
      return a === undefined || a > maxAgeMs;
    })
    .map((s) => s.source);
  const view: StatusView = {
    ...status,
    maxAgeMs,
    stale: ageMs === undefined || ageMs > maxAgeMs,
    staleSources,
  };
  if (ageMs !== undefined) view.ageMs = ageMs;
  return view;
}

const n = (value: number) => value.toLocaleString('en-US');

function mb(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0)} MB`;
}

export function renderStatusText(view: StatusView, now: Date): string {
  const lines = [
    `database: ${view.path} (${mb(view.sizeBytes)}, layout ${view.schemaVersion})`,
    `records: ${n(view.advisories)} advisories on ${n(view.packages)} packages, ${n(view.kev)} known exploited, ${n(view.epss)} EPSS scores`,
    `last update: ${view.lastUpdate ? `${view.lastUpdate} (${formatAge(view.ageMs ?? 0)} ago)` : 'never'}`,
    '',
  ];
  const rows = view.sources.map((s) => [
    s.source,
    n(s.records),
    s.lastSuccess ? `${formatAge(now.getTime() - Date.parse(s.lastSuccess))} ago` : 'never',
    s.lastChange ? `${formatAge(now.getTime() - Date.parse(s.lastChange))} ago` : '-',
    s.lastError ? `last run failed: ${s.lastError}` : '',
  ]);
  lines.push(...table([['SOURCE', 'RECORDS', 'CHECKED', 'CHANGED', ''], ...rows]));
  return `${lines.join('\n')}\n`;
}

/** The staleness warning for stderr, or undefined when the data is fresh. */
export function staleWarning(view: StatusView): string | undefined {
  if (!view.stale && view.staleSources.length === 0) return undefined;
  const limit = formatAge(view.maxAgeMs);
  if (view.ageMs === undefined)
    return "warning: the advisory database has never been updated; run 'crowsnest db update'\n";
  const what = view.stale
    ? `the advisory data is ${formatAge(view.ageMs)} old`
    : `${view.staleSources.join(', ')} not refreshed`;
  return `warning: ${what} (limit ${limit}); run 'crowsnest db update'\n`;
}

/** Left-aligned columns, numbers right-aligned in the second column. */
export function table(rows: readonly string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows.map((row) =>
    row
      .map((cell, i) => (i === 1 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}
