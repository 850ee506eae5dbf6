import type { Package } from '../../sbom/types.js';
import type { MatchContext, MatchMethod, PackageMatches } from '../types.js';
import { MatchCollector, optional, remembered } from './collect.js';
import { evaluateRecord, versionProblem } from './evaluate-record.js';

export interface LanguageSearch {
  /** OSV ecosystem (`npm`, `PyPI`, `Maven`...). */
  ecosystem: string;
  /** The name as the ecosystem's advisories spell it; the store normalises case and PEP 503. */
  name: string;
  method?: MatchMethod;
}

/** Matches one language package by its ecosystem-normalised name against every feed's ranges. */
export function matchLanguagePackage(
  pkg: Package,
  context: MatchContext,
  search: LanguageSearch,
): PackageMatches {
  const out = new MatchCollector(pkg);
  const records = context.db.byPackage(search.ecosystem, search.name);
  if (records.length === 0) return out.result;
  const problem = versionProblem(search.ecosystem, pkg.version);
  if (problem) {
    out.notEvaluated(`${problem}: ${records.length} advisories for ${search.name} not evaluated`);
    return out.result;
  }
  const base = {
    method: search.method ?? ('language-package' as const),
    searchedBy: { ecosystem: search.ecosystem, name: search.name },
    version: pkg.version,
  };
  for (const advisory of records) {
    if (!out.claim(advisory)) continue;
    const outcome = remembered(context.verdicts, advisory, pkg.version, () =>
      evaluateRecord(advisory, pkg.version),
    );
    if (outcome.kind === 'not-evaluated') out.notEvaluated(outcome.reason, advisory);
    if (outcome.kind !== 'affected') continue;
    const fixState = outcome.fixed ? 'fixed' : outcome.listed ? 'unknown' : 'not-fixed';
    out.add(
      advisory,
      { ...base, range: outcome.range, ...optional({ fixedVersion: outcome.fixed }) },
      fixState,
    );
  }
  return out.result;
}
