import type { Advisory, Rating, ShownSeverity } from '../../advisories/model.js';

const rank: Record<Rating, number> = { unknown: 0, none: 1, low: 2, medium: 3, high: 4, critical: 5 };

/**
 * Higher rating first; within one rating a numeric CVSS score beats a word, and the higher score wins. (The
 * rating first, because a distro's "high" for its own build outranks a lower CVSS base score elsewhere.)
 */
export function isHigher(candidate: ShownSeverity, current: ShownSeverity): boolean {
  const byRating = rank[candidate.rating] - rank[current.rating];
  if (byRating !== 0) return byRating > 0;
  return (candidate.score ?? -1) > (current.score ?? -1);
}

/** The highest `shown_severity` among the records, naming its source; `unknown` when none has one. */
export function highestOf(records: readonly Advisory[]): ShownSeverity {
  let best: ShownSeverity | undefined;
  for (const record of records) {
    const shown = record.shown_severity;
    if (shown && (!best || isHigher(shown, best))) best = shown;
  }
  return best ?? { rating: 'unknown', type: 'none', source: records[0]?.source ?? 'none' };
}
