import type { SeverityCounts, SeverityName } from '../../types.js';

const letters: Record<SeverityName, string> = {
  critical: 'C',
  high: 'H',
  medium: 'M',
  low: 'L',
  unspecified: '?',
};

const shown = (withUnspecified: boolean): SeverityName[] =>
  withUnspecified
    ? ['critical', 'high', 'medium', 'low', 'unspecified']
    : ['critical', 'high', 'medium', 'low'];

/** `1C 3H 5M 2L` (and ` 4?` when some findings have no severity). */
export function compactCounts(counts: SeverityCounts): string {
  return shown(counts.unspecified > 0)
    .map((name) => `${counts[name]}${letters[name]}`)
    .join(' ');
}

/** Right-aligned columns, `   17C    32H    35M    33L`: rows of a table line up. */
export function countColumns(counts: SeverityCounts, withUnspecified = counts.unspecified > 0): string {
  return shown(withUnspecified)
    .map((name) => `${counts[name]}${letters[name]}`.padStart(6))
    .join(' ');
}

/** The change under a count row, `    -9    -13     -3     +6`, aligned with `countColumns`. */
export function deltaColumns(delta: SeverityCounts, withUnspecified = delta.unspecified !== 0): string {
  return shown(withUnspecified)
    .map((name) => (delta[name] > 0 ? `+${delta[name]}` : String(delta[name])).padStart(6))
    .join(' ');
}

export function severityWord(name: SeverityName): string {
  return name.toUpperCase();
}
