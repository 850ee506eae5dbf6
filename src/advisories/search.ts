import type { Advisory, EpssEntry, KevEntry } from './model.js';
import type { AdvisoryDb } from './store/types.js';

export interface PackageResult {
  ecosystem: string;
  name: string;
  advisories: Advisory[];
}

export interface SearchResult {
  query: string;
  /** What the query was taken for: an advisory id or alias, or a package name. */
  kind: 'id' | 'package';
  advisories: Advisory[];
  packages: PackageResult[];
  /** Exploitation data for the CVEs among the ids found. */
  kev: KevEntry[];
  epss: EpssEntry[];
}

const looksLikeId = (query: string) => /^[A-Z][A-Z0-9]*-[\w:.-]*\d[\w:.-]*$/i.test(query.trim());

/** Finds advisories by any id or alias (CVE, GHSA, DSA, USN...), else by package name across ecosystems. */
export function searchAdvisories(db: AdvisoryDb, query: string, ecosystem?: string): SearchResult {
  const result: SearchResult = { query, kind: 'id', advisories: [], packages: [], kev: [], epss: [] };
  if (looksLikeId(query)) result.advisories = db.byAlias(query);
  if (result.advisories.length === 0) {
    result.kind = 'package';
    for (const hit of db.findPackages(query, ecosystem)) {
      const advisories = db.byPackage(hit.ecosystem, hit.name, { includeWithdrawn: true });
      // show the upstream spelling ("PyPI", "Debian:12"), not the index key
      const pkg = advisories[0]?.affected[0]?.package;
      const status = advisories[0]?.distro_statuses?.[0];
      result.packages.push({
        ecosystem: pkg?.ecosystem ?? status?.ecosystem ?? hit.ecosystem,
        name: pkg?.name ?? status?.package ?? hit.name,
        advisories,
      });
    }
  }
  const cves = new Set<string>(/^CVE-\d+-\d+$/i.test(query.trim()) ? [query.trim().toUpperCase()] : []);
  for (const a of result.advisories) {
    for (const id of [a.id, ...a.aliases, ...(a.upstream ?? [])])
      if (/^CVE-/i.test(id)) cves.add(id.toUpperCase());
  }
  for (const cve of [...cves].sort()) {
    const kev = db.kev(cve);
    const epss = db.epss(cve);
    if (kev) result.kev.push(kev);
    if (epss) result.epss.push(epss);
  }
  return result;
}
