import type { Advisory } from '../../advisories/model.js';
import type { Package } from '../../sbom/types.js';
import type { MatchContext, MatchMethod, PackageMatches, VerdictMemo } from '../types.js';
import { MatchCollector, optional, remembered } from './collect.js';
import { type DistroScope, distroFromPurl, distroScope } from './distro-scope.js';
import { evaluateStatuses } from './distro-status.js';
import { evaluateRecord, versionProblem } from './evaluate-record.js';

interface Search {
  method: MatchMethod;
  name: string;
  version: string;
}

/**
 * A distro package is searched by its own name and by its source package (Debian source, RPM source RPM,
 * Alpine origin, pacman pkgbase), since distro advisories name source packages. The source search compares
 * the source version: a binNMU (`+b1`) rebuild carries the source's fixes, and distro fixed versions are
 * source versions. When both names are the same, one search with the source version is enough.
 */
export function distroSearches(pkg: Package): Search[] {
  const source = pkg.source;
  if (!source || source.name === pkg.name) {
    return [{ method: 'binary-package', name: pkg.name, version: source?.version ?? pkg.version }];
  }
  return [
    { method: 'binary-package', name: pkg.name, version: pkg.version },
    { method: 'source-package', name: source.name, version: source.version ?? pkg.version },
  ];
}

/** Matches one distro package against its release's records: distro statuses first, else ranges. */
export function matchDistroPackage(pkg: Package, context: MatchContext): PackageMatches {
  const out = new MatchCollector(pkg);
  const distro = context.distro ?? distroFromPurl(pkg);
  const scope = distroScope(distro);
  if (!scope) {
    out.notEvaluated(
      distro
        ? `no advisory data covers ${distro.id}${distro.versionId ? ` ${distro.versionId}` : ''} packages`
        : 'the distribution is unknown, so its packages cannot be matched',
    );
    return out.result;
  }
  for (const search of distroSearches(pkg)) {
    const records = context.db.byPackage(scope.query, search.name);
    if (records.length === 0) continue;
    const problem = versionProblem(scope.query, search.version);
    if (problem) {
      out.notEvaluated(`${problem}: ${records.length} advisories for ${search.name} not evaluated`);
      continue;
    }
    for (const advisory of records) {
      if (out.claim(advisory)) matchRecord(out, advisory, search, scope, context.verdicts);
    }
  }
  return out.result;
}

function matchRecord(
  out: MatchCollector,
  advisory: Advisory,
  search: Search,
  scope: DistroScope,
  memo: VerdictMemo | undefined,
): void {
  const key = `${scope.query}\u0000${search.version}`;
  const base = {
    method: search.method,
    searchedBy: { ecosystem: scope.query, name: search.name },
    version: search.version,
  };
  const statuses = (advisory.distro_statuses ?? []).filter((s) => scope.accepts(s.ecosystem));
  if (statuses.length > 0) {
    const outcome = remembered(memo, advisory, key, () => evaluateStatuses(statuses, search.version));
    if (outcome.kind === 'not-evaluated') out.notEvaluated(outcome.reason, advisory);
    if (outcome.kind !== 'affected') return;
    const evidence = {
      ...base,
      ...optional({ range: outcome.fixed ? `<${outcome.fixed}` : undefined, fixedVersion: outcome.fixed }),
    };
    out.add(advisory, { ...evidence, distroStatus: outcome.status }, outcome.fixState);
    return;
  }
  const outcome = remembered(memo, advisory, `${key}\u0000ranges`, () =>
    evaluateRecord(advisory, search.version, scope.accepts),
  );
  if (outcome.kind === 'not-evaluated') out.notEvaluated(outcome.reason, advisory);
  if (outcome.kind !== 'affected') return;
  const fixState = outcome.fixed ? 'fixed' : outcome.listed ? 'unknown' : 'not-fixed';
  out.add(
    advisory,
    { ...base, range: outcome.range, ...optional({ fixedVersion: outcome.fixed }) },
    fixState,
  );
}
