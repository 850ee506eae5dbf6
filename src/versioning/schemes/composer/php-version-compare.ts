/**
 * PHP's `version_compare()` (ext/standard/versioning.c), which Composer applies to normalised versions.
 * Inputs are canonicalised (`-`, `_`, `+` become `.`, and a `.` is put between letters and digits), then
 * compared element by element: numbers numerically (saturating like C's `strtol`), words by the special
 * forms below, matched as prefixes; unknown words sort before `dev`.
 */
const SPECIAL_FORMS: [string, number][] = [
  ['dev', 0],
  ['alpha', 1],
  ['a', 1],
  ['beta', 2],
  ['b', 2],
  ['RC', 3],
  ['rc', 3],
  ['#', 4],
  ['pl', 5],
  ['p', 5],
];

const LONG_MAX = 9223372036854775807n;
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isAlnum = (c: string): boolean => /^[0-9A-Za-z]$/.test(c);

function canonicalize(version: string): string {
  if (version === '') return '';
  let out = version[0]!;
  let previous = version[0]!;
  for (const c of version.slice(1)) {
    const last = out[out.length - 1];
    const digitEdge =
      (!isDigit(previous) && previous !== '.' && isDigit(c)) ||
      (isDigit(previous) && !isDigit(c) && c !== '.');
    if (c === '-' || c === '_' || c === '+') {
      if (last !== '.') out += '.';
    } else if (digitEdge) {
      if (last !== '.') out += '.';
      out += c;
    } else if (!isAlnum(c)) {
      if (last !== '.') out += '.';
    } else {
      out += c;
    }
    previous = c;
  }
  return out;
}

function specialForm(form: string): number {
  for (const [name, order] of SPECIAL_FORMS) if (form.startsWith(name)) return order;
  return -1;
}

function strtol(digits: string): bigint {
  const value = BigInt(/^\d+/.exec(digits)?.[0] ?? '0');
  return value > LONG_MAX ? LONG_MAX : value;
}

function compareElements(p1: string, p2: string): number {
  if (isDigit(p1[0]) && isDigit(p2[0])) {
    const diff = strtol(p1) - strtol(p2);
    return diff < 0n ? -1 : diff > 0n ? 1 : 0;
  }
  if (!isDigit(p1[0]) && !isDigit(p2[0])) return Math.sign(specialForm(p1) - specialForm(p2));
  return isDigit(p1[0])
    ? Math.sign(specialForm('#N#') - specialForm(p2))
    : Math.sign(specialForm(p1) - specialForm('#N#'));
}

export function phpVersionCompare(a: string, b: string): number {
  if (a === '' || b === '') return a === b ? 0 : a === '' ? -1 : 1;
  const parts1 = (a.startsWith('#') ? a : canonicalize(a)).split('.');
  const parts2 = (b.startsWith('#') ? b : canonicalize(b)).split('.');
  let i = 0;
  let compare = 0;
  // Mirrors the C loop: stop at an empty element or when either side has no further element.
  for (;;) {
    const p1 = parts1[i]!;
    const p2 = parts2[i]!;
    if (p1 === '' || p2 === '') break;
    compare = compareElements(p1, p2);
    if (compare !== 0) return compare;
    if (i + 1 >= parts1.length || i + 1 >= parts2.length) break;
    i++;
  }
  const more1 = i + 1 < parts1.length;
  const more2 = i + 1 < parts2.length;
  const rest = (parts: string[]): string => parts.slice(i + 1).join('.');
  if (more1 && !more2) return isDigit(parts1[i + 1]![0]) ? 1 : phpVersionCompare(rest(parts1), '#N#');
  if (more2 && !more1) return isDigit(parts2[i + 1]![0]) ? -1 : phpVersionCompare('#N#', rest(parts2));
  return 0;
}
