import type { Advisory } from '../../advisories/model.js';
import { describeRange, evaluateAffected, schemeFor } from '../../versioning/index.js';

/** What one record's affected ranges say about one installed version. */
export type RangeOutcome =
  /** `listed`: decided by the record's explicit version list, which says nothing about a fix. */
  | { kind: 'affected'; range: string; fixed?: string; listed: boolean }
  | { kind: 'not-affected' }
  | { kind: 'not-evaluated'; reason: string };

/**
 * Evaluates the record's `affected[]` entries (the slice a package look-up returns) for `version`. The
 * first entry that contains the version wins, preferring one that names a fix; an entry that cannot be read
 * makes the whole record "not evaluated" unless another entry already says "affected": a record is never
 * silently dropped because one of its ranges was unreadable.
 */
export function evaluateRecord(
  advisory: Advisory,
  version: string,
  accepts: (ecosystem: string) => boolean = () => true,
): RangeOutcome {
  let hit: { range: string; fixed?: string; listed: boolean } | undefined;
  const problems: string[] = [];
  for (const affected of advisory.affected) {
    const ecosystem = affected.package?.ecosystem ?? '';
    if (!accepts(ecosystem)) continue;
    const verdict = evaluateAffected(affected, version, ecosystem);
    if (verdict.status === 'cannot-evaluate') {
      problems.push(verdict.reason);
      continue;
    }
    if (verdict.status !== 'affected') continue;
    const listed = verdict.range === undefined;
    const range = verdict.range ? describeRange(verdict.range, ecosystem) : 'listed in the affected versions';
    if (!hit || (hit.fixed === undefined && verdict.fixed !== undefined)) {
      hit = verdict.fixed === undefined ? { range, listed } : { range, fixed: verdict.fixed, listed };
    }
  }
  if (hit) return { kind: 'affected', ...hit };
  if (problems.length > 0) return { kind: 'not-evaluated', reason: [...new Set(problems)].join('; ') };
  return { kind: 'not-affected' };
}

/** Why versions of this ecosystem cannot be compared at all, or undefined when they can. */
export function versionProblem(ecosystem: string, version: string): string | undefined {
  const scheme = schemeFor(ecosystem);
  if (!scheme) return `no version scheme for ecosystem "${ecosystem}"`;
  if (!scheme.isValid(version)) return `"${version}" is not a valid ${scheme.name} version`;
  return undefined;
}
