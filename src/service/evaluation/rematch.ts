import { ecosystemKey, packageKey } from '../../advisories/ecosystems.js';
import { matchSbom } from '../../match/match.js';
import type { AdvisorySource } from '../../match/types.js';
import { assembleReport, type DatabaseInfo } from '../../report/assemble.js';
import type { Report } from '../../report/types.js';
import type { Sbom } from '../../sbom/types.js';
import type { PackageKey } from '../../store/types.js';

export const keyString = (key: PackageKey): string => `${key.ecosystem}\u0000${key.name}`;

/** Answers every look-up with nothing, remembering what was asked. */
function dryRunSource(asked: PackageKey[]): AdvisorySource {
  return {
    byPackage(ecosystem, name) {
      asked.push({ ecosystem: ecosystemKey(ecosystem), name: packageKey(ecosystem, name) });
      return [];
    },
    byAlias: () => [],
    kev: () => undefined,
    epss: () => undefined,
  };
}

/**
 * The keys the matchers look up for each package, found by running them against no data (no database read,
 * microseconds a package). The same normalisation as the analysis's recorded keys, so the two agree.
 */
export function lookupKeys(sbom: Pick<Sbom, 'packages' | 'distro'>): Map<string, PackageKey[]> {
  const out = new Map<string, PackageKey[]>();
  for (const pkg of sbom.packages) {
    const asked: PackageKey[] = out.get(pkg.id) ?? [];
    matchSbom({ packages: [pkg], ...(sbom.distro ? { distro: sbom.distro } : {}) }, dryRunSource(asked));
    out.set(pkg.id, asked);
  }
  return out;
}

/** The SBOM a stored report was made from: the store keeps its packages beside the report. */
function sbomOf(stored: Report): Sbom {
  return {
    schema: 'crowsnest-sbom/1',
    createdAt: stored.createdAt,
    tool: { name: 'crowsnest', version: stored.tool.version },
    source: stored.source,
    ...(stored.distro ? { distro: stored.distro } : {}),
    packages: stored.packages,
    unknowns: stored.unknowns,
    catalogers: [],
  };
}

export interface Rematch {
  report: Report;
  /** Every key the image's packages look up (the reverse index rows to keep). */
  keys: PackageKey[];
  /** Packages matched again. */
  packages: number;
}

/**
 * Re-matches only the packages of a stored report that look up one of `selection`'s keys, and keeps the
 * stored findings of the others. Exact, because matching is per package: a package's findings depend on its
 * own look-ups and on the alias groups of the records they return, and the selection holds the keys of every
 * record in the changed records' alias groups. Undefined when no package of the image is concerned.
 */
export function rematchSelected(
  stored: Report,
  selection: ReadonlySet<string>,
  db: AdvisorySource,
  database: DatabaseInfo,
): Rematch | undefined {
  const keysByPackage = lookupKeys(stored);
  const chosen = stored.packages.filter((p) =>
    (keysByPackage.get(p.id) ?? []).some((k) => selection.has(keyString(k))),
  );
  if (chosen.length === 0) return undefined;
  const ids = new Set(chosen.map((p) => p.id));
  const fresh = matchSbom({ packages: chosen, ...(stored.distro ? { distro: stored.distro } : {}) }, db);
  const findings = [...stored.findings.filter((f) => !ids.has(f.packageId)), ...fresh.findings];
  const notEvaluated = [...stored.notEvaluated.filter((n) => !ids.has(n.packageId)), ...fresh.notEvaluated];
  const report = assembleReport(sbomOf(stored), { findings, notEvaluated }, database);
  const keys = new Map<string, PackageKey>();
  for (const list of keysByPackage.values()) for (const key of list) keys.set(keyString(key), key);
  return { report, keys: [...keys.values()], packages: chosen.length };
}
