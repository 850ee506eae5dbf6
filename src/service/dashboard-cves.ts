// The public CVE page: the advisory records of one vulnerability (its whole alias group) from the advisory
// database, and, for a signed-in caller, the images of their organizations it affects.
import { statSync } from 'node:fs';
import type { Advisory, EpssEntry, KevEntry, ShownSeverity } from '../advisories/model.js';
import { openAdvisoryDb } from '../advisories/store/reader.js';
import type { AdvisoryDb } from '../advisories/store/types.js';
import { AppError } from '../core/errors.js';
import type { AffectedImage, Page, PageQuery, Store } from '../store/types.js';
import type { Principal } from './types.js';

export interface AdvisoryAffected {
  ecosystem: string;
  name: string;
  purl?: string;
  /** OSV ranges as published: `introduced` / `fixed` / `last_affected` events. */
  ranges: { type: string; events: Record<string, string>[] }[];
  /** Every `fixed` version named by the ranges, and a distro's fixed version. */
  fixedVersions: string[];
  /** Explicitly listed affected versions (the first 100). */
  versions: string[];
}

export interface AdvisoryView {
  id: string;
  source: string;
  summary?: string;
  details?: string;
  severity?: ShownSeverity;
  aliases: string[];
  published?: string;
  modified: string;
  withdrawn?: string;
  affected: AdvisoryAffected[];
  references: string[];
}

export interface CveDetails {
  id: string;
  /** Every record of the vulnerability's alias group (CVE, GHSA, DSA, …). */
  records: AdvisoryView[];
  kev?: Omit<KevEntry, 'cve'>;
  epss?: Omit<EpssEntry, 'cve'>;
  /** Only for a signed-in caller: their organizations' images with a finding of it. */
  affectedImages?: Page<AffectedImage & { org: string }>;
}

let cached: { path: string; db: AdvisoryDb; stamp: string } | undefined;

/** One open handle per file, reopened when an update replaced the file (updates rename a new one in). */
function advisoryDb(path: string): AdvisoryDb {
  let stamp = '';
  try {
    const stat = statSync(path);
    stamp = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
  } catch {
    // openAdvisoryDb says what to do
  }
  if (cached && cached.path === path && cached.stamp === stamp) return cached.db;
  cached?.db.close();
  cached = undefined;
  const db = openAdvisoryDb(path);
  cached = { path, db, stamp };
  return db;
}

function affectedOf(advisory: Advisory): AdvisoryAffected[] {
  const statuses = advisory.distro_statuses ?? [];
  return advisory.affected.map((a) => {
    const fixed = new Set<string>();
    for (const range of a.ranges ?? []) for (const e of range.events) if (e.fixed) fixed.add(e.fixed);
    for (const s of statuses)
      if (s.status === 'fixed' && s.version && s.ecosystem === a.package.ecosystem) fixed.add(s.version);
    return {
      ecosystem: a.package.ecosystem,
      name: a.package.name,
      ...(a.package.purl ? { purl: a.package.purl } : {}),
      ranges: (a.ranges ?? []).map((r) => ({
        type: r.type,
        events: r.events.map((e) => Object.fromEntries(Object.entries(e).filter(([, v]) => v !== undefined))),
      })),
      fixedVersions: [...fixed],
      versions: (a.versions ?? []).slice(0, 100),
    };
  });
}

function view(advisory: Advisory): AdvisoryView {
  return {
    id: advisory.id,
    source: advisory.source,
    aliases: advisory.aliases,
    modified: advisory.modified,
    affected: affectedOf(advisory),
    references: (advisory.references ?? []).map((r) => r.url),
    ...(advisory.summary ? { summary: advisory.summary } : {}),
    ...(advisory.details ? { details: advisory.details.slice(0, 20_000) } : {}),
    ...(advisory.shown_severity ? { severity: advisory.shown_severity } : {}),
    ...(advisory.published ? { published: advisory.published } : {}),
    ...(advisory.withdrawn ? { withdrawn: advisory.withdrawn } : {}),
  };
}

/** The orgs a caller may see findings of: a token's one org, a session's every membership. */
async function orgsOf(store: Store, principal: Principal): Promise<{ id: string; slug: string }[]> {
  const orgs = await store.orgs.listForUser(principal.user.id);
  return principal.token ? orgs.filter((o) => o.id === principal.token?.orgId) : orgs;
}

export async function cveDetails(
  store: Store,
  advisoryDbPath: string,
  id: string,
  caller?: { principal: Principal; page: PageQuery },
): Promise<CveDetails> {
  const db = advisoryDb(advisoryDbPath);
  const found = new Map<string, Advisory>();
  for (const record of [db.byId(id), ...db.byAlias(id)])
    if (record) found.set(`${record.source}/${record.id}`, record);
  const records = [...found.values()].sort(
    (a, b) => a.id.localeCompare(b.id) || a.source.localeCompare(b.source),
  );
  if (!records.length) {
    throw new AppError('E_NOT_FOUND', `no advisory ${id} in the advisory database`, {
      hint: "check the id (CVE-2024-1234, GHSA-…), or update the database: 'crowsnest db update'",
    });
  }
  const ids = new Set([id, ...records.flatMap((r) => [r.id, ...r.aliases])]);
  const cve = [...ids].find((x) => /^CVE-\d{4}-\d+$/i.test(x)) ?? id;
  const kev = db.kev(cve);
  const epss = db.epss(cve);
  const details: CveDetails = {
    id: cve,
    records: records.map(view),
    ...(kev ? { kev: withoutCve(kev) } : {}),
    ...(epss ? { epss: withoutCve(epss) } : {}),
  };
  if (caller) {
    const orgs = await orgsOf(store, caller.principal);
    const slugs = new Map(orgs.map((o) => [o.id, o.slug]));
    const page = await store.dashboard.affectedImages(
      orgs.map((o) => o.id),
      [...ids],
      caller.page,
    );
    details.affectedImages = {
      total: page.total,
      items: page.items.map((item) => ({ ...item, org: slugs.get(item.orgId) ?? '' })),
    };
  }
  return details;
}

function withoutCve<T extends { cve: string }>(entry: T): Omit<T, 'cve'> {
  const { cve: _cve, ...rest } = entry;
  return rest;
}
