import type { Advisory } from '../../advisories/model.js';

export const isCve = (id: string): boolean => /^CVE-\d{4}-\d+$/.test(id);

/** Ids compared case-insensitively, as the store keys them. */
export const normalId = (id: string): string => id.trim().toUpperCase();

const equivalents = new WeakMap<Advisory, string[]>();

/**
 * The ids that name the same vulnerability as the record: its own, its aliases, its upstream records.
 * Remembered per record object: the look-up cache hands out the same records to every package and group.
 */
export function equivalentIds(advisory: Advisory): string[] {
  let ids = equivalents.get(advisory);
  if (!ids) {
    ids = [advisory.id, ...advisory.aliases, ...(advisory.upstream ?? [])].map(normalId);
    equivalents.set(advisory, ids);
  }
  return ids;
}

/**
 * The CVEs a fix advisory (a DSA, DLA or USN: one notice, several vulnerabilities) lists as `related`, when
 * it names no CVE of its own. A package matched by such a record is affected by each of them.
 */
export function relatedCves(advisory: Advisory): string[] {
  if (equivalentIds(advisory).some(isCve)) return [];
  return [...new Set((advisory.related ?? []).map(normalId).filter(isCve))];
}

/** Natural order for ids: CVE-2020-8203 before CVE-2020-10000, then by text. */
const numbered = /^([A-Z]+)-(\d+)-(\d+)$/;

export function compareIds(a: string, b: string): number {
  const x = numbered.exec(a);
  const y = numbered.exec(b);
  if (x && y && x[1] === y[1]) return Number(x[2]) - Number(y[2]) || Number(x[3]) - Number(y[3]) || 0;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The id a finding is shown under: the first CVE in natural order, else the first id. */
export function primaryId(ids: Iterable<string>): string {
  const sorted = [...ids].sort(compareIds);
  return sorted.find(isCve) ?? sorted[0] ?? '';
}
