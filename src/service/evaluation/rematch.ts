import { ecosystemKey, packageKey } from '../../advisories/ecosystems.js';
import { matchSbom } from '../../match/match.js';
import type { AdvisorySource, Finding } from '../../match/types.js';
import { assembleReport, type DatabaseInfo } from '../../report/assemble.js';
import type { Report } from '../../report/types.js';
import type { Package, Sbom } from '../../sbom/types.js';
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
 * The keys the matchers look up for each package, found by running them against no data (no database read).
 * The same normalisation as the analysis's recorded keys, so the two agree.
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

/** A selection of keys, with the name tokens a cheap first pass over an image's packages compares. */
export interface Selection {
  keys: ReadonlySet<string>;
  tokens: ReadonlySet<string>;
}

const pep503 = (name: string): string => name.replace(/[-_.]+/g, '-');

/**
 * The matchers look packages up by their name, their source package's name (deb, rpm, apk, alpm) or Maven's
 * `groupId:artifactId`, normalised (lower case; PEP 503 for PyPI). A package whose name tokens meet none of
 * the selection's names cannot look up a selected key, so only the others are dry-run.
 */
export function selectionOf(keys: readonly PackageKey[]): Selection {
  const tokens = new Set<string>();
  for (const { name } of keys) {
    tokens.add(name);
    const colon = name.lastIndexOf(':');
    if (colon >= 0) tokens.add(name.slice(colon + 1));
  }
  return { keys: new Set(keys.map(keyString)), tokens };
}

export function mayConcern(pkg: Package, tokens: ReadonlySet<string>): boolean {
  const artifact = pkg.metadata?.artifactId;
  const names = [pkg.name, pkg.source?.name, typeof artifact === 'string' ? artifact : undefined];
  for (const name of names) {
    if (!name) continue;
    const lower = name.trim().toLowerCase();
    if (tokens.has(lower) || tokens.has(pep503(lower))) return true;
  }
  return false;
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
  /** The packages matched again, with their findings before and after. */
  packages: Package[];
  before: Finding[];
  after: Finding[];
}

/**
 * Re-matches only the packages of a stored report that look up one of the selection's keys, and keeps the
 * stored findings of the others. Exact, because matching is per package: a package's findings depend on its
 * own look-ups and on the alias groups of the records they return, and the selection holds the keys of every
 * record in the changed records' alias groups. Undefined when no package of the image is concerned.
 */
export function rematchSelected(
  stored: Report,
  selection: Selection,
  db: AdvisorySource,
  database: DatabaseInfo,
): Rematch | undefined {
  const candidates = stored.packages.filter((p) => mayConcern(p, selection.tokens));
  const keysOf = lookupKeys({ packages: candidates, ...(stored.distro ? { distro: stored.distro } : {}) });
  const chosen = candidates.filter((p) =>
    (keysOf.get(p.id) ?? []).some((k) => selection.keys.has(keyString(k))),
  );
  if (chosen.length === 0) return undefined;
  const ids = new Set(chosen.map((p) => p.id));
  const fresh = matchSbom({ packages: chosen, ...(stored.distro ? { distro: stored.distro } : {}) }, db);
  const kept = stored.findings.filter((f) => !ids.has(f.packageId));
  const notEvaluated = [...stored.notEvaluated.filter((n) => !ids.has(n.packageId)), ...fresh.notEvaluated];
  const report = assembleReport(
    sbomOf(stored),
    { findings: [...kept, ...fresh.findings], notEvaluated },
    database,
  );
  const before = stored.findings.filter((f) => ids.has(f.packageId));
  return { report, packages: chosen, before, after: fresh.findings };
}
