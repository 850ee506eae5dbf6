import type { OsvEvent, OsvRange } from './osv-types.js';
import { schemeFor } from './registry.js';
import { semverScheme } from './schemes/semver/index.js';

const KINDS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;

function eventsOf(range: OsvRange): { kind: (typeof KINDS)[number]; version: string }[] {
  const out: { kind: (typeof KINDS)[number]; version: string }[] = [];
  for (const event of range.events as OsvEvent[]) {
    const kind = KINDS.find((k) => typeof event[k] === 'string');
    if (kind) out.push({ kind, version: event[kind]! });
  }
  return out;
}

/** Events in version order when the scheme can order them all, else as the record lists them. */
function ordered(range: OsvRange, ecosystem: string | undefined): ReturnType<typeof eventsOf> {
  const events = eventsOf(range);
  const scheme = range.type === 'SEMVER' ? semverScheme : ecosystem ? schemeFor(ecosystem) : undefined;
  const special = (v: string): boolean => v === '0' || v.includes('*');
  if (
    !scheme ||
    range.type === 'GIT' ||
    !events.every((e) => special(e.version) || scheme.isValid(e.version))
  ) {
    return events;
  }
  const rank = (v: string): number => (v === '0' ? -1 : v.includes('*') ? 1 : 0);
  return [...events].sort(
    (a, b) =>
      rank(a.version) - rank(b.version) || (special(a.version) ? 0 : scheme.compare(a.version, b.version)),
  );
}

/**
 * A short human form of a range for "why is this reported" output: `>=1.0.0, <1.2.3`, intervals joined by
 * ` || `, `<=x` for last_affected, `all versions` for an open range from "0". GIT ranges name commits.
 */
export function describeRange(range: OsvRange, ecosystem?: string): string {
  const events = ordered(range, ecosystem);
  if (range.type === 'GIT') {
    const parts = events.map((e) => `${e.kind} ${e.version.slice(0, 12)}`);
    return `git${range.repo ? ` ${range.repo}` : ''}: ${parts.join(', ')}`;
  }
  const intervals: string[][] = [];
  let current: string[] | undefined;
  for (const event of events) {
    if (event.kind === 'introduced') {
      current = event.version === '0' ? [] : [`>=${event.version}`];
      intervals.push(current);
    } else if (event.kind === 'fixed' || event.kind === 'last_affected') {
      const bound = `${event.kind === 'fixed' ? '<' : '<='}${event.version}`;
      if (current) current.push(bound);
      else intervals.push([bound]);
      current = undefined;
    }
  }
  const text = intervals
    .map((parts) => (parts.length === 0 ? 'all versions' : parts.join(', ')))
    .join(' || ');
  const limits = events
    .filter((e) => e.kind === 'limit' && !e.version.includes('*'))
    .map((e) => `<${e.version}`);
  return limits.length > 0 ? `${text || 'all versions'} (limit ${limits.join(', ')})` : text || 'no versions';
}
