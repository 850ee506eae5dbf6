import type { RangeEvent } from '../../model.js';

export type Compare = (a: string, b: string) => number;

interface Bound {
  v: string;
  incl: boolean;
}

/** A version interval; a missing bound is unbounded. */
interface Interval {
  lo?: Bound;
  hi?: Bound;
}

/** "~> 1.2.3" allows >= 1.2.3 and < 1.3 (RubyGems' pessimistic operator): drop the last part, bump the new last. */
function pessimisticUpper(version: string): string {
  const numeric = version.split(/[.-]/).filter((p) => /^\d+$/.test(p));
  const cut = numeric.length > 1 ? numeric.slice(0, -1) : numeric;
  const last = Number(cut.pop() ?? 0) + 1;
  return [...cut, String(last)].join('.');
}

/** One requirement line ("~> 4.2.5, >= 4.2.5.1") → the interval it allows, or undefined if not understood. */
export function parseRequirement(line: string, compare: Compare): Interval | undefined {
  let interval: Interval = {};
  for (const part of line.split(',')) {
    const m = /^\s*(~>|>=|<=|!=|=|>|<)?\s*([0-9][\w.-]*)\s*$/.exec(part);
    if (!m) return undefined;
    const [, op = '=', v = ''] = m;
    const next: Interval =
      op === '~>'
        ? { lo: { v, incl: true }, hi: { v: pessimisticUpper(v), incl: false } }
        : op === '>=' || op === '>'
          ? { lo: { v, incl: op === '>=' } }
          : op === '<=' || op === '<'
            ? { hi: { v, incl: op === '<=' } }
            : op === '='
              ? { lo: { v, incl: true }, hi: { v, incl: true } }
              : {};
    if (op === '!=') return undefined;
    interval = intersect(interval, next, compare);
  }
  return interval;
}

function intersect(a: Interval, b: Interval, compare: Compare): Interval {
  const lo = !a.lo ? b.lo : !b.lo ? a.lo : compare(a.lo.v, b.lo.v) >= 0 ? a.lo : b.lo;
  const hi = !a.hi ? b.hi : !b.hi ? a.hi : compare(a.hi.v, b.hi.v) <= 0 ? a.hi : b.hi;
  const out: Interval = {};
  if (lo) out.lo = lo;
  if (hi) out.hi = hi;
  return out;
}

/** Orders lower bounds, an unbounded one first. */
function compareLo(a: Interval, b: Interval, compare: Compare): number {
  if (!a.lo) return b.lo ? -1 : 0;
  if (!b.lo) return 1;
  return compare(a.lo.v, b.lo.v) || (a.lo.incl === b.lo.incl ? 0 : a.lo.incl ? -1 : 1);
}

/**
 * The OSV events for every version NOT allowed by any of the safe requirements (patched or unaffected).
 * Throws when a requirement is not understood or a version cannot be compared: the caller reports it.
 */
export function affectedEvents(safe: readonly string[], compare: Compare): RangeEvent[] {
  const intervals = safe.map((line) => {
    const interval = parseRequirement(line, compare);
    if (!interval) throw new Error(`requirement not understood: "${line}"`);
    return interval;
  });
  intervals.sort((a, b) => compareLo(a, b, compare));
  const merged: Interval[] = [];
  for (const next of intervals) {
    const last = merged.at(-1);
    if (last && overlaps(last, next, compare)) last.hi = higherHi(last.hi, next.hi, compare);
    else merged.push({ ...next });
  }
  return gaps(merged);
}

function overlaps(cur: Interval, next: Interval, compare: Compare): boolean {
  if (!cur.hi || !next.lo) return true;
  const c = compare(next.lo.v, cur.hi.v);
  return c < 0 || (c === 0 && (cur.hi.incl || next.lo.incl));
}

function higherHi(a: Bound | undefined, b: Bound | undefined, compare: Compare): Bound | undefined {
  if (!a || !b) return undefined;
  const c = compare(a.v, b.v);
  return c > 0 || (c === 0 && a.incl) ? a : b;
}

/** The complement of sorted, disjoint intervals as OSV events. */
function gaps(merged: readonly Interval[]): RangeEvent[] {
  const events: RangeEvent[] = [];
  let start: string | undefined = '0';
  for (const interval of merged) {
    if (interval.lo && start !== undefined) {
      events.push({ introduced: start });
      events.push(interval.lo.incl ? { fixed: interval.lo.v } : { last_affected: interval.lo.v });
    }
    // OSV has no exclusive lower bound: after "<= X" the gap starts at X (a false positive on X at worst)
    start = interval.hi?.v;
  }
  if (start !== undefined) events.push({ introduced: start });
  return events;
}
