import type { VersionScheme } from '../../types.js';
import type { Pair } from './pairs.js';
import type { Answer } from './references.js';

/** Our answer for a pair: the order, or 'E' when our scheme rejects either version. */
export function ours(scheme: VersionScheme, [a, b]: Pair): Answer {
  if (!scheme.isValid(a) || !scheme.isValid(b)) return 'E';
  return scheme.compare(a, b) as -1 | 0 | 1;
}

export interface Comparison {
  /** Pairs both sides could order. */
  compared: number;
  /** Human lines for every pair where we differ from the reference. */
  disagreements: string[];
}

/** Compares our scheme with a reference's answers, pair by pair. */
export function compareWithReference(
  scheme: VersionScheme,
  pairs: readonly Pair[],
  reference: Answer[],
): Comparison {
  const disagreements: string[] = [];
  let compared = 0;
  pairs.forEach((pair, i) => {
    const mine = ours(scheme, pair);
    const theirs = reference[i];
    if (mine !== 'E' && theirs !== 'E') compared++;
    if (mine !== theirs) disagreements.push(`${pair[0]} vs ${pair[1]}: ours ${mine}, reference ${theirs}`);
  });
  return { compared, disagreements };
}
