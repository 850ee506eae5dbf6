import { emptyCounts, groupByPackage } from '../../group.js';
import type { Report, SeverityCounts } from '../../types.js';
import { countColumns } from '../shared/counts.js';
import { trailerNotes } from '../shared/notes.js';
import type { Renderer } from '../types.js';

interface Row {
  name: string;
  version: string;
  type: string;
  counts: SeverityCounts;
}

/** Vulnerable packages worst first (as in `packages`), then the others by name. */
function rows(report: Report): Row[] {
  const groups = groupByPackage(report);
  const vulnerable = new Set(groups.map((g) => g.package.id));
  const others = report.packages
    .filter((p) => !vulnerable.has(p.id))
    .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
  return [
    ...groups.map((g) => ({ ...g.package, counts: g.counts })),
    ...others.map((p) => ({ ...p, counts: emptyCounts() })),
  ].map(({ name, version, type, counts }) => ({ name, version, type, counts }));
}

/** The table of seed 002: Name, Version, Type, Vulnerabilities, one row per package. */
export function renderOnlyPackages(report: Report): string {
  const table = rows(report);
  const withUnspecified = table.some((r) => r.counts.unspecified > 0);
  const width = (pick: (r: Row) => string, header: string) =>
    Math.max(header.length, ...table.map((r) => pick(r).length));
  const [wName, wVersion, wType] = [
    width((r) => r.name, 'Name'),
    width((r) => r.version, 'Version'),
    width((r) => r.type, 'Type'),
  ];
  const line = (name: string, version: string, type: string, counts: string) =>
    `  ${name.padEnd(wName)}  ${version.padEnd(wVersion)}  ${type.padStart(wType)}  ${counts}`.trimEnd();
  const header = line('Name', 'Version', 'Type', '  Vulnerabilities');
  const lines = [
    header,
    '─'.repeat(
      Math.max(header.length, line('', '', '', countColumns(emptyCounts(), withUnspecified)).length) + 2,
    ),
    ...table.map((r) => line(r.name, r.version, r.type, countColumns(r.counts, withUnspecified))),
  ];
  if (table.length === 0) lines.push('  (no packages)');
  const notes = trailerNotes(report);
  if (notes.length) lines.push('', ...notes);
  return `${lines.join('\n')}\n`;
}

export const onlyPackagesRenderer: Renderer = {
  id: 'only-packages',
  description: 'one row per package with its vulnerability counts',
  render: renderOnlyPackages,
};
