import { compareAscii, compareDigits } from '../../digits.js';

/**
 * The item tree of Maven's `ComparableVersion` (maven-artifact 3.8.7 as Debian ships it): numbers, qualifiers and sub-lists
 * opened by `-` or by a digit/letter transition.
 */
export type Item =
  | { kind: 'number'; digits: string }
  | { kind: 'string'; value: string }
  | { kind: 'list'; items: Item[] };

/** Known qualifiers in order; the empty string is the release, anything unknown sorts after `sp`. */
const QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'];
const ALIASES: Record<string, string> = { ga: '', final: '', release: '', cr: 'rc' };
const RELEASE_RANK = String(QUALIFIERS.indexOf(''));

export function stringItem(text: string, followedByDigit: boolean): Item {
  let value = text;
  if (followedByDigit && value.length === 1) {
    // a1 = alpha-1, b1 = beta-1, m1 = milestone-1
    value = ({ a: 'alpha', b: 'beta', m: 'milestone' } as Record<string, string>)[value] ?? value;
  }
  return { kind: 'string', value: ALIASES[value] ?? value };
}

/** Maven compares qualifier ranks as strings: "0".."6" for known ones, "7-<text>" for the rest. */
function qualifierRank(value: string): string {
  const index = QUALIFIERS.indexOf(value);
  return index === -1 ? `${QUALIFIERS.length}-${value}` : String(index);
}

export function isNull(item: Item): boolean {
  if (item.kind === 'number') return /^0*$/.test(item.digits);
  if (item.kind === 'string') return qualifierRank(item.value) === RELEASE_RANK;
  return item.items.length === 0;
}

/** `a.compareTo(b)`; `b` undefined stands for "nothing there" (the shorter list ran out). */
export function compareItem(a: Item, b: Item | undefined): number {
  if (a.kind === 'number') {
    if (b === undefined) return isNull(a) ? 0 : 1;
    return b.kind === 'number' ? compareDigits(a.digits, b.digits) : 1;
  }
  if (a.kind === 'string') {
    if (b === undefined) return compareAscii(qualifierRank(a.value), RELEASE_RANK);
    if (b.kind === 'string') return compareAscii(qualifierRank(a.value), qualifierRank(b.value));
    return -1;
  }
  if (b === undefined) {
    for (const item of a.items) {
      const result = compareItem(item, undefined);
      if (result !== 0) return result;
    }
    return 0;
  }
  if (b.kind === 'number') return -1;
  if (b.kind === 'string') return 1;
  return compareLists(a.items, b.items);
}

function compareLists(left: Item[], right: Item[]): number {
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const l = left[i];
    const r = right[i];
    const result = l === undefined ? (r === undefined ? 0 : -compareItem(r, undefined)) : compareItem(l, r);
    if (result !== 0) return result;
  }
  return 0;
}
