import type { FeedOutcome } from '../update/run.js';
import { table } from './status.js';

const n = (value: number) => value.toLocaleString('en-US');

/** One line per feed run: what changed, or why it failed. */
export function renderOutcomesText(outcomes: readonly FeedOutcome[]): string {
  const rows = outcomes.map((o) => {
    const seconds = `${(o.durationMs / 1000).toFixed(1)} s`;
    if (o.status === 'failed') return [o.source, 'failed', '', o.error?.oneLine() ?? 'unknown error'];
    const changes =
      o.status === 'unchanged'
        ? 'no change'
        : `+${n(o.added)} added, ${n(o.changed)} changed, ${n(o.withdrawn)} withdrawn, ${n(o.removed)} removed`;
    const problems = o.problems ? `, ${n(o.problems)} skipped` : '';
    return [o.source, o.status, `${n(o.records)} records`, `${changes}${problems} (${seconds})`];
  });
  return `${table([['SOURCE', 'STATUS', 'RECORDS', ''], ...rows]).join('\n')}\n`;
}

/** The JSON form: errors as their one-line message and code. */
export function outcomesJson(outcomes: readonly FeedOutcome[]): unknown[] {
  return outcomes.map(({ error, ...rest }) =>
    error ? { ...rest, error: { code: error.code, message: error.oneLine() } } : rest,
  );
}
