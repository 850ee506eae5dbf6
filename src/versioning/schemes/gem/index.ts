import { defineScheme, type Parsed, parsed, rejected } from '../../define.js';
import { compareAscii, compareDigits } from '../../digits.js';

/** A segment of a `Gem::Version`: digits (kept as text, so any length compares right) or letters. */
export type GemSegment = { numeric: true; digits: string } | { numeric: false; text: string };

const PATTERN = /^[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

const isZero = (s: GemSegment): boolean => s.numeric && /^0+$/.test(s.digits);

function dropTrailingZeros(segments: GemSegment[]): GemSegment[] {
  let end = segments.length;
  while (end > 0 && isZero(segments[end - 1]!)) end--;
  return segments.slice(0, end);
}

/**
 * `Gem::Version.new`: `-` means `.pre.`, segments are runs of digits or letters, and the canonical form drops
 * trailing zeros of the release part and of the prerelease part separately (`1.0.a.0` == `1.a`). A version
 * is a prerelease when it has any letter. Rubygems maps an empty string to "0"; we refuse it.
 */
export function parseGem(text: string): Parsed<GemSegment[]> {
  const version = text.trim();
  if (!PATTERN.test(version)) return rejected('not N[.X]...[-PRE]');
  const segments: GemSegment[] = (version.replaceAll('-', '.pre.').match(/[0-9]+|[a-z]+/gi) ?? []).map((s) =>
    /^[0-9]/.test(s) ? { numeric: true, digits: s } : { numeric: false, text: s },
  );
  const firstText = segments.findIndex((s) => !s.numeric);
  const release = firstText === -1 ? segments : segments.slice(0, firstText);
  const pre = firstText === -1 ? [] : segments.slice(firstText);
  return parsed([...dropTrailingZeros(release), ...dropTrailingZeros(pre)]);
}

const ZERO: GemSegment = { numeric: true, digits: '0' };

export function compareGem(a: GemSegment[], b: GemSegment[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? ZERO;
    const y = b[i] ?? ZERO;
    if (x.numeric && y.numeric) {
      const diff = compareDigits(x.digits, y.digits);
      if (diff !== 0) return diff;
    } else if (!x.numeric && !y.numeric) {
      const diff = compareAscii(x.text, y.text);
      if (diff !== 0) return diff;
    } else {
      return x.numeric ? 1 : -1;
    }
  }
  return 0;
}

export const gemScheme = defineScheme('gem', 'RubyGems', parseGem, compareGem);
