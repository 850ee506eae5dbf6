import type { Advisory } from '../../advisories/model.js';
import type { Package } from '../../sbom/types.js';
import type { FixState, MatchEvidence, PackageMatches, VerdictMemo } from '../types.js';

/** Gathers one package's matches: each (feed, record) once, whichever search found it first. */
export class MatchCollector {
  private readonly seen = new Set<string>();
  readonly result: PackageMatches = { matches: [], notEvaluated: [] };

  constructor(private readonly pkg: Package) {}

  /**
   * True the first time a record is offered; later offers (found by another name) are skipped, and so are
   * withdrawn records: they never produce findings.
   */
  claim(advisory: Advisory): boolean {
    if (advisory.withdrawn) return false;
    const key = `${advisory.source}\u0000${advisory.id}`;
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    return true;
  }

  add(advisory: Advisory, evidence: Omit<MatchEvidence, 'advisoryId' | 'feed'>, fixState: FixState): void {
    this.result.matches.push({
      packageId: this.pkg.id,
      advisory,
      evidence: { ...evidence, advisoryId: advisory.id, feed: advisory.source },
      fixState,
    });
  }

  notEvaluated(reason: string, advisory?: Advisory): void {
    this.result.notEvaluated.push({
      packageId: this.pkg.id,
      ...(advisory ? { advisoryId: advisory.id } : {}),
      reason,
    });
  }
}

/** Evidence fields that are only present when they have a value. */
export function optional<T extends Record<string, unknown>>(fields: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [key, value] of Object.entries(fields))
    if (value !== undefined) out[key as keyof T] = value as T[keyof T];
  return out;
}

/** The memoised result of `compute` for this record and key, when the scan keeps a memo. */
export function remembered<T>(
  memo: VerdictMemo | undefined,
  advisory: Advisory,
  key: string,
  compute: () => T,
): T {
  if (!memo) return compute();
  let forRecord = memo.get(advisory);
  if (!forRecord) {
    forRecord = new Map();
    memo.set(advisory, forRecord);
  }
  if (forRecord.has(key)) return forRecord.get(key) as T;
  const value = compute();
  forRecord.set(key, value);
  return value;
}
