import { countFindings } from '../../group.js';
import type { Report, SeverityCounts } from '../../types.js';
import { countColumns, deltaColumns } from '../shared/counts.js';
import { imageName } from '../shared/text.js';

/**
 * One row of the quickview summary. Today only "Your image"; base-image detection adds "Base image",
 * "Refreshed base image" and "Updated base image" rows, the latter two with their change against the base.
 */
export interface QuickviewRow {
  label: string;
  image: string;
  counts: SeverityCounts;
  /** Change against the row it is compared with, shown on a line of its own under the counts. */
  delta?: SeverityCounts;
}

export function imageRow(report: Report): QuickviewRow {
  return { label: 'Your image', image: imageName(report), counts: countFindings(report.findings) };
}

/** The rows a report gives today: the image itself. */
export function quickviewRows(report: Report): QuickviewRow[] {
  return [imageRow(report)];
}

/** `  Your image  NAME  │    0C     2H     8M     1L`, rows aligned on the bar. */
export function renderQuickview(rows: readonly QuickviewRow[]): string {
  const withUnspecified = rows.some((r) => r.counts.unspecified > 0 || (r.delta?.unspecified ?? 0) !== 0);
  const titles = rows.map((r) => `${r.label}  ${r.image}`);
  const width = Math.max(...titles.map((t) => t.length));
  const lines: string[] = [];
  rows.forEach((row, i) => {
    lines.push(`  ${titles[i]!.padEnd(width)}  │ ${countColumns(row.counts, withUnspecified)}`);
    if (row.delta) lines.push(`  ${''.padEnd(width)}  │ ${deltaColumns(row.delta, withUnspecified)}`);
  });
  return `${lines.join('\n')}\n`;
}
