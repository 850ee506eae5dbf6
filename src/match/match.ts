import { ownerOf } from '../sbom/ownership.js';
import type { PackageType, Sbom } from '../sbom/types.js';
import { buildFindings } from './findings.js';
import { CachedSource } from './helpers/cached-source.js';
import { matcherByType } from './registry.js';
import type { AdvisorySource, Match, Matcher, MatchResult, NotEvaluated } from './types.js';

export interface MatchOptions {
  /** Matchers by package type (default: the registry). */
  matchers?: ReadonlyMap<PackageType, Matcher>;
}

export interface MatchStats {
  packages: number;
  matches: number;
  /** Look-ups that reached the database (each (ecosystem, name) key and alias group once). */
  lookups: CachedSource['lookups'];
}

/**
 * Matches every package of an SBOM against the advisories and groups the matches into findings. Synchronous:
 * the database reader is, and the work is small once look-ups are cached.
 */
export function matchSbom(
  sbom: Pick<Sbom, 'packages' | 'distro'>,
  db: AdvisorySource,
  options: MatchOptions = {},
): MatchResult & { stats: MatchStats } {
  const source = db instanceof CachedSource ? db : new CachedSource(db);
  const byType = options.matchers ?? matcherByType;
  const context = { db: source, verdicts: new WeakMap(), ...(sbom.distro ? { distro: sbom.distro } : {}) };
  const matches: Match[] = [];
  const notEvaluated: NotEvaluated[] = [];
  for (const pkg of sbom.packages) {
    // a language package a distro package installed is covered by the distro's own advisories
    if (ownerOf(pkg)) continue;
    const matcher = byType.get(pkg.type);
    if (!matcher) {
      notEvaluated.push({ packageId: pkg.id, reason: `no matcher for ${pkg.type} packages` });
      continue;
    }
    const found = matcher.match(pkg, context);
    matches.push(...found.matches);
    notEvaluated.push(...found.notEvaluated);
  }
  const packages = new Map(sbom.packages.map((p) => [p.id, p]));
  const findings = buildFindings(matches, packages, source);
  return {
    findings,
    notEvaluated,
    stats: { packages: sbom.packages.length, matches: matches.length, lookups: { ...source.lookups } },
  };
}
