/**
 * Tokens of an Alpine package version, `digit{.digit}...{letter}{_suffix{number}}...{~hash}{-r#}`, in the
 * order apk-tools allows them to follow each other. The numeric order of the kinds matters: when two
 * versions agree up to the point where one has a token the other lacks, the later kind sorts lower.
 */
export type TokenKind =
  | 0 // initial digits
  | 1 // .digits
  | 2 // a single letter after digits
  | 3 // _suffix
  | 4 // digits after a suffix
  | 5 // ~commit hash
  | 6 // -r revision
  | 7 // end
  | 8; // invalid

export const INITIAL = 0;
export const DIGIT = 1;
export const LETTER = 2;
export const SUFFIX = 3;
export const SUFFIX_NO = 4;
export const COMMIT_HASH = 5;
export const REVISION = 6;
export const END = 7;
export const INVALID = 8;

/** Suffix ranks: the pre-release ones sort before "no suffix" (0), the post-release ones after. */
const SUFFIX_RANK: Record<string, number> = {
  alpha: -4,
  beta: -3,
  pre: -2,
  rc: -1,
  cvs: 1,
  svn: 2,
  git: 3,
  hg: 4,
  p: 5,
};

export interface Token {
  kind: TokenKind;
  /** The token's text: digits, the letter, the suffix word or the hash. */
  text: string;
  /** Suffix rank for SUFFIX tokens. */
  rank: number;
}

/** Splits a version into tokens; the last token is END, or INVALID where the text stops being a version. */
export function tokenize(version: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  const take = (pattern: RegExp): string => {
    pattern.lastIndex = pos;
    const match = pattern.exec(version);
    const text = match ? match[0] : '';
    pos += text.length;
    return text;
  };
  const first = take(/[0-9]*/y);
  if (first === '') return [{ kind: INVALID, text: '', rank: 0 }];
  tokens.push({ kind: INITIAL, text: first, rank: 0 });
  for (;;) {
    const previous = tokens[tokens.length - 1]!.kind;
    const next = nextToken(version, pos, previous, take);
    tokens.push(next);
    if (next.kind === END || next.kind === INVALID) return tokens;
  }
}

function nextToken(version: string, pos: number, previous: TokenKind, take: (p: RegExp) => string): Token {
  const invalid: Token = { kind: INVALID, text: '', rank: 0 };
  if (pos >= version.length) return { kind: END, text: '', rank: 0 };
  const c = version[pos]!;
  if (c >= 'a' && c <= 'z') {
    if (previous > DIGIT) return invalid;
    return { kind: LETTER, text: take(/[a-z]/y), rank: 0 };
  }
  if (c === '.' || (c >= '0' && c <= '9')) {
    if (c === '.' && previous > DIGIT) return invalid;
    const kind =
      previous === INITIAL || previous === DIGIT ? DIGIT : previous === SUFFIX ? SUFFIX_NO : INVALID;
    if (kind === INVALID) return invalid;
    take(/\./y);
    const digits = take(/[0-9]*/y);
    return digits === '' ? invalid : { kind, text: digits, rank: 0 };
  }
  if (c === '_') {
    if (previous > SUFFIX_NO) return invalid;
    take(/_/y);
    const word = take(/[a-z]*/y);
    const rank = SUFFIX_RANK[word];
    return rank === undefined ? invalid : { kind: SUFFIX, text: word, rank };
  }
  if (c === '~') {
    if (previous >= COMMIT_HASH) return invalid;
    take(/~/y);
    const hash = take(/[0-9a-f]*/y);
    return hash === '' ? invalid : { kind: COMMIT_HASH, text: hash, rank: 0 };
  }
  if (c === '-') {
    if (previous >= REVISION || take(/-r/y) === '') return invalid;
    const digits = take(/[0-9]*/y);
    return digits === '' ? invalid : { kind: REVISION, text: digits, rank: 0 };
  }
  return invalid;
}
