import { defineScheme, type Parsed, parsed, rejected } from '../../define.js';
import { compareAscii, compareDigits } from '../../digits.js';
import { COMMIT_HASH, DIGIT, END, INVALID, LETTER, SUFFIX, type Token, tokenize } from './tokens.js';

/**
 * Alpine apk-tools' version order (apk-tools 2.14 / 3.x `version.c`): the rules come from its source and its
 * `test/version.data`; apk-tools is not packaged for Debian, so the tests here are tables of those facts.
 */
export function parseApk(version: string): Parsed<Token[]> {
  const tokens = tokenize(version);
  if (tokens[tokens.length - 1]!.kind === INVALID)
    return rejected('not digits{.digits}{letter}{_suffix{N}}{~hash}{-rN}');
  return parsed(tokens);
}

function compareToken(a: Token, b: Token): number {
  switch (a.kind) {
    case DIGIT:
      // Gentoo's rule: a component with a leading zero compares as a string (1.02 < 1.1).
      if (a.text.startsWith('0') || b.text.startsWith('0')) return compareAscii(a.text, b.text);
      return compareDigits(a.text, b.text);
    case LETTER:
    case COMMIT_HASH:
      return compareAscii(a.text, b.text);
    case SUFFIX:
      return a.rank - b.rank;
    default:
      return compareDigits(a.text, b.text);
  }
}

export function compareApk(a: Token[], b: Token[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i]!.kind === b[i]!.kind && a[i]!.kind < END) {
    const diff = compareToken(a[i]!, b[i]!);
    if (diff !== 0) return diff;
    i++;
  }
  const ta = a[i]!;
  const tb = b[i]!;
  if (ta.kind === tb.kind) return 0;
  // One side goes on: more is newer, unless what follows is a pre-release suffix.
  if (ta.kind === SUFFIX && ta.rank < 0) return -1;
  if (tb.kind === SUFFIX && tb.rank < 0) return 1;
  return ta.kind > tb.kind ? -1 : 1;
}

export const apkScheme = defineScheme('apk', 'Alpine (apk)', parseApk, compareApk);
