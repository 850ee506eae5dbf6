/**
 * Shortens the slices of a package list by swapping frequent JSON fragments for one control character
 * each. JSON text never holds a raw control character, so the tokens cannot clash with the text, and
 * expanding them gives back the exact JSON. Two tokens are the list's own (the package object and the
 * distro-status prefix its slices repeat, e.g. `{"ecosystem":"Ubuntu:14.04:LTS","name":"linux"}`); the
 * rest are fixed fragments, picked greedily by bytes saved over the shared feeds. On those feeds slices
 * shrink from 117 MB to ~20 MB, so a look-up reads a third of the bytes. Changing the fixed list
 * changes the stored layout: bump SCHEMA_VERSION.
 */
const FIXED = [
  ',"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}',
  '{"a":[{"package":',
  '"urgency":"medium"',
  '"status":"end-of-life","note":"reached end-of-life"',
  '"status":"fixed","version":"',
  '"status":"not-affected"',
  '],"s":[',
  ',{"fixed":"',
  '"urgency":"low"',
  '"}]}]',
  '"status":"ignored"',
  ',"note":"',
  '"events":[{"introduced":"',
  '","',
  '"status":"',
  ',"ranges":[{"type":"',
];

/** Token characters: \x01-\x1f but \n, which separates a list's lines. */
const TOKENS = Array.from({ length: 31 }, (_, i) => i + 1).filter((c) => c !== 10);
if (FIXED.length + 2 > TOKENS.length) throw new Error('slice-codec: more fragments than token characters');

/** The list's own fragments; empty strings are unused. */
export type ListDictionary = [string, string];

/** What each token expands to, indexed by char code. */
export type Expansions = readonly string[];

const FIXED_TABLE: string[] = Array.from({ length: 32 }, () => '');
FIXED.forEach((text, i) => {
  FIXED_TABLE[TOKENS[i + 2] as number] = text;
});

export function expansions(dictionary: ListDictionary): Expansions {
  const out = FIXED_TABLE.slice();
  out[TOKENS[0] as number] = dictionary[0];
  out[TOKENS[1] as number] = dictionary[1];
  return out;
}

/** A plain loop: several times faster than a regular expression with a callback until the JIT warms up. */
export function expand(slice: string, table: Expansions): string {
  let out = '';
  let last = 0;
  for (let i = 0; i < slice.length; i++) {
    const code = slice.charCodeAt(i);
    if (code < 32) {
      out += slice.slice(last, i) + (table[code] ?? '');
      last = i + 1;
    }
  }
  return last === 0 ? slice : out + slice.slice(last);
}

export function compact(slice: string, dictionary: ListDictionary): string {
  let out = slice;
  [...dictionary, ...FIXED].forEach((text, i) => {
    if (text) out = out.replaceAll(text, String.fromCharCode(TOKENS[i] as number));
  });
  return out;
}

const PACKAGE_RE = /"package":(\{[^{}]*\})/;
const STATUS_RE = /"s":\[(\{"ecosystem":"[^"\\]*",(?:"release":"[^"\\]*",)?"package":"[^"\\]*",)/;

/** The package object and the status prefix most of the list's slices repeat (any substring is safe). */
export function dictionaryFor(slices: readonly string[]): ListDictionary {
  return [mostCommon(slices, PACKAGE_RE), mostCommon(slices, STATUS_RE)];
}

function mostCommon(slices: readonly string[], pattern: RegExp): string {
  const counts = new Map<string, number>();
  let best = '';
  let bestCount = 0;
  for (const slice of slices) {
    const found = pattern.exec(slice)?.[1];
    if (!found) continue;
    const count = (counts.get(found) ?? 0) + 1;
    counts.set(found, count);
    if (count > bestCount) {
      best = found;
      bestCount = count;
    }
  }
  // a fragment seen once saves nothing once it is written into the header
  return bestCount > 1 ? best : '';
}
