import type { Advisory } from '../advisories/model.js';
import { equivalentIds, primaryId, relatedCves } from './helpers/ids.js';
import type { AdvisorySource, Match } from './types.js';

/** The matches of one package that concern one vulnerability, with everything known about its ids. */
export interface VulnGroup {
  matches: Match[];
  /** Every id of the vulnerability, upper case: CVE, GHSA, OSV ids, distro record ids. */
  ids: Set<string>;
  /** Notices that list the vulnerability among others (DSA, DLA, USN): shown as aliases, not merged on. */
  notices: Set<string>;
  /** Records of the alias group that name the vulnerability itself (full records, with references). */
  records: Advisory[];
}

interface Item {
  keys: Set<string>;
  matches: Match[];
  notices: Set<string>;
  /** Completed groups this item was made from (second pass). */
  records?: Advisory[];
}

/** Merges items that share any key (union by key, in first-seen order). */
function unionByKeys(items: readonly Item[]): Item[] {
  const owner = new Map<string, Item>();
  const merged: Item[] = [];
  for (const item of items) {
    const targets = [...new Set([...item.keys].map((k) => owner.get(k)).filter((x): x is Item => !!x))];
    const into = targets[0] ?? { keys: new Set<string>(), matches: [], notices: new Set<string>() };
    if (targets.length === 0) merged.push(into);
    for (const other of [item, ...targets.slice(1)]) {
      for (const key of other.keys) into.keys.add(key);
      into.matches.push(...other.matches);
      for (const notice of other.notices) into.notices.add(notice);
      if (other.records) into.records = [...(into.records ?? []), ...other.records];
      if (other !== item) merged.splice(merged.indexOf(other), 1);
    }
    for (const key of into.keys) owner.set(key, into);
  }
  return merged;
}

/** A match becomes one item per vulnerability: a notice listing three CVEs stands for three. */
function itemsOf(match: Match): Item[] {
  const cves = relatedCves(match.advisory);
  if (cves.length === 0) {
    return [{ keys: new Set(equivalentIds(match.advisory)), matches: [match], notices: new Set() }];
  }
  return cves.map((cve) => ({
    keys: new Set([cve]),
    matches: [match],
    notices: new Set([match.advisory.id]),
  }));
}

/**
 * Completes a group's ids from the alias look-up (CVE ↔ GHSA ↔ PYSEC ↔ DEBIAN-CVE ...): records that
 * share an id with the group are the same vulnerability, to a fixed point; records that only list it as
 * related are notices.
 */
function complete(item: Item, db: AdvisorySource): VulnGroup {
  const ids = new Set(item.keys);
  const found = db.byAlias(primaryId(ids)).filter((r) => !r.withdrawn);
  const records = new Set<Advisory>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const record of found) {
      if (records.has(record)) continue;
      const own = equivalentIds(record);
      if (!own.some((id) => ids.has(id))) continue;
      records.add(record);
      for (const id of own) {
        if (ids.has(id)) continue;
        ids.add(id);
        changed = true;
      }
    }
  }
  const notices = new Set(item.notices);
  for (const record of found) if (!records.has(record)) notices.add(record.id.toUpperCase());
  return { matches: item.matches, ids, notices, records: [...records] };
}

/** Groups one package's matches by vulnerability (alias groups joined through the database). */
export function groupMatches(matches: readonly Match[], db: AdvisorySource): VulnGroup[] {
  const first = unionByKeys(matches.flatMap(itemsOf)).map((item) => complete(item, db));
  // the alias look-up can show that two groups are one vulnerability after all
  const joined = unionByKeys(
    first.map((g) => ({ keys: g.ids, matches: g.matches, notices: g.notices, records: g.records })),
  );
  return joined.map((item) => ({
    matches: [...new Set(item.matches)],
    ids: item.keys,
    notices: item.notices,
    records: [...new Set(item.records ?? [])],
  }));
}
