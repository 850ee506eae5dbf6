import type { Advisory } from '../advisories/model.js';
import type { Package } from '../sbom/types.js';
import { schemeFor } from '../versioning/index.js';
import { groupMatches, type VulnGroup } from './group.js';
import { compareIds, isCve, primaryId } from './helpers/ids.js';
import { highestOf } from './helpers/severity.js';
import type { AdvisorySource, Finding, FixState, Match } from './types.js';

const MAX_URLS = 10;
const fixOrder: FixState[] = ['fixed', 'will-not-fix', 'not-fixed', 'unknown'];

function byVersion(ecosystem: string): (a: string, b: string) => number {
  const scheme = schemeFor(ecosystem);
  return (a, b) => {
    if (scheme?.isValid(a) && scheme.isValid(b)) return scheme.compare(a, b);
    return a.localeCompare(b);
  };
}

/**
 * Fix versions: each feed's smallest fix above the installed version, deduplicated and in version order.
 * A fix anywhere makes the state `fixed`; otherwise a distro's "will not fix" outranks "not fixed yet".
 */
function fixOf(matches: readonly Match[]): Finding['fix'] & { status?: Match } {
  const perFeed = new Map<string, string>();
  const ecosystem = matches[0]?.evidence.searchedBy.ecosystem ?? '';
  const order = byVersion(ecosystem);
  for (const { evidence } of matches) {
    const fixed = evidence.fixedVersion;
    if (fixed === undefined) continue;
    const seen = perFeed.get(evidence.feed);
    if (seen === undefined || order(fixed, seen) < 0) perFeed.set(evidence.feed, fixed);
  }
  const versions = [...new Set(perFeed.values())].sort(order);
  const state = versions.length
    ? 'fixed'
    : (fixOrder.find((s) => matches.some((m) => m.fixState === s)) ?? 'unknown');
  const status =
    matches.find((m) => m.evidence.distroStatus && m.fixState === state) ??
    matches.find((m) => m.evidence.distroStatus);
  return { state, versions, ...(status ? { status } : {}) };
}

/** Advisory pages first (the matched records' own), then other references; each URL once, at most MAX_URLS. */
function urlsOf(matched: readonly Advisory[], records: readonly Advisory[]): string[] {
  const byId = new Map(records.map((r) => [`${r.source}\u0000${r.id}`, r]));
  const full = matched.map((m) => byId.get(`${m.source}\u0000${m.id}`) ?? m);
  const all = [...full, ...records.filter((r) => !full.includes(r))];
  const urls = new Set<string>();
  for (const advisoryFirst of [true, false]) {
    for (const record of all) {
      for (const ref of record.references ?? []) {
        if ((ref.type === 'ADVISORY') !== advisoryFirst) continue;
        urls.add(ref.url);
        if (urls.size >= MAX_URLS) return [...urls];
      }
    }
  }
  return [...urls];
}

function summaryOf(records: readonly Advisory[]): string | undefined {
  const summary = records.find((r) => r.summary?.trim())?.summary?.trim();
  if (summary) return summary;
  const details = records.find((r) => r.details?.trim())?.details?.trim();
  if (!details) return undefined;
  const first = details.split(/\n\s*\n/)[0]!.replace(/\s+/g, ' ');
  return first.length > 200 ? `${first.slice(0, 197)}...` : first;
}

function earliest(values: (string | undefined)[]): string | undefined {
  let first: string | undefined;
  for (const value of values) if (value && (first === undefined || value < first)) first = value;
  return first;
}

/** One finding for one package and one vulnerability group. */
export function findingOf(pkg: Package, group: VulnGroup, db: AdvisorySource): Finding {
  const matched = group.matches.map((m) => m.advisory);
  const records = [...matched, ...group.records];
  const matchedIds = matched.map((a) => a.id.toUpperCase());
  const key = [...group.ids].some(isCve) ? primaryId(group.ids) : primaryId(matchedIds);
  const shown = spellings(records, new Set([...group.ids, ...group.notices]));
  const id = shown(key);
  const aliases = [...new Set([...group.ids, ...group.notices])]
    .filter((a) => a !== key)
    .sort(compareIds)
    .map(shown);
  const { status, ...fix } = fixOf(group.matches);
  const finding: Finding = {
    id,
    aliases,
    packageId: pkg.id,
    severity: highestOf(records),
    fix,
    urls: urlsOf(matched, group.records),
    suppressed: false,
    matches: group.matches.map((m) => m.evidence),
  };
  if (status?.evidence.distroStatus) finding.distroStatus = status.evidence.distroStatus.status;
  if (isCve(id)) {
    const kev = db.kev(id);
    if (kev) finding.kev = withoutCve(kev);
    const epss = db.epss(id);
    if (epss) finding.epss = withoutCve(epss);
  }
  const summary = summaryOf([...matched, ...group.records]);
  if (summary) finding.summary = summary;
  const published = earliest(records.map((r) => r.published));
  if (published) finding.published = published;
  return finding;
}

/** Ids are grouped upper case; they are shown as their records spell them (`GHSA-p6mc-m468-83gw`). */
function spellings(records: readonly Advisory[], wanted: ReadonlySet<string>): (id: string) => string {
  const seen = new Map<string, string>();
  for (const r of records) {
    for (const id of [r.id, ...r.aliases, ...(r.upstream ?? []), ...(r.related ?? [])]) {
      const upper = id.trim().toUpperCase();
      if (wanted.has(upper) && !seen.has(upper)) seen.set(upper, id.trim());
    }
    if (seen.size === wanted.size) break;
  }
  return (id) => seen.get(id) ?? id;
}

function withoutCve<T extends { cve: string }>(entry: T): Omit<T, 'cve'> {
  const { cve: _cve, ...rest } = entry;
  return rest;
}

/** Findings for every package's matches: one per package and vulnerability. */
export function buildFindings(
  matches: readonly Match[],
  packages: ReadonlyMap<string, Package>,
  db: AdvisorySource,
): Finding[] {
  const byPackage = new Map<string, Match[]>();
  for (const match of matches) {
    const list = byPackage.get(match.packageId);
    if (list) list.push(match);
    else byPackage.set(match.packageId, [match]);
  }
  const findings: Finding[] = [];
  for (const [packageId, list] of byPackage) {
    const pkg = packages.get(packageId);
    if (!pkg) continue;
    for (const group of groupMatches(list, db)) findings.push(findingOf(pkg, group, db));
  }
  return findings;
}
