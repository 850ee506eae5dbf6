// Builders for the continuous-evaluation tests: an advisory database updated in steps, stored images
// analysed the way the analyze job does it, repositories with a last-pushed tag.
import { createHash } from 'node:crypto';
import type { Advisory, KevEntry } from '../../src/advisories/model.js';
import { applyPayload, openAdvisoryDb, openUpdateSession } from '../../src/advisories/store/index.js';
import type { Package, PackageType, Sbom } from '../../src/sbom/types.js';
import { matchRecordingKeys } from '../../src/service/analyze.js';
import type { ImageRecord, Repository, Store } from '../../src/store/types.js';

/** Applies feeds (each complete: a feed's list replaces what it had) as one `db update`; returns the operation ids. */
export function applyFeeds(
  dbPath: string,
  feeds: Record<string, Advisory[]>,
  kev?: { source: string; entries: KevEntry[] },
): number[] {
  const session = openUpdateSession(dbPath);
  const started = new Date().toISOString();
  const ids: number[] = [];
  for (const [source, advisories] of Object.entries(feeds))
    ids.push(applyPayload(session.db, { source, started }, { advisories, complete: true, problems: [] }).id);
  if (kev) {
    const payload = { advisories: [], kev: kev.entries, complete: true, problems: [] };
    ids.push(applyPayload(session.db, { source: kev.source, started }, payload).id);
  }
  session.commit();
  return ids;
}

/** An OSV record: one package, affected below `fixed`, with a CVSS v3 vector that rates it `rating`. */
export function record(
  id: string,
  ecosystem: string,
  name: string,
  fixed: string,
  rating: 'critical' | 'high' | 'medium' | 'low' = 'high',
  over: Partial<Advisory> = {},
): Advisory {
  const vectors = {
    critical: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    high: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
    medium: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:U/C:L/I:L/A:N',
    low: 'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N',
  };
  return {
    id,
    modified: '2026-01-01T00:00:00Z',
    aliases: [],
    severity: [{ type: 'CVSS_V3', score: vectors[rating] }],
    affected: [
      {
        package: { ecosystem, name },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
      },
    ],
    source: 'test',
    ...over,
  };
}

export function pkg(type: PackageType, name: string, version: string, over: Partial<Package> = {}): Package {
  const id = `${type}:${name}@${version}`;
  return {
    id,
    type,
    name,
    version,
    purl: `pkg:${type}/${encodeURIComponent(name)}@${version}`,
    licenses: [],
    locations: [{ path: `/evidence/${createHash('sha1').update(id).digest('hex')}`, layer: 0 }],
    layer: 0,
    foundBy: 'test',
    ...over,
  };
}

export function sbomOf(packages: Package[], distro?: Sbom['distro']): Sbom {
  return {
    schema: 'crowsnest-sbom/1',
    createdAt: '2026-01-01T00:00:00Z',
    tool: { name: 'crowsnest', version: 'test' },
    source: { kind: 'directory', location: '/', layers: [] },
    ...(distro ? { distro } : {}),
    packages,
    unknowns: [],
    catalogers: [],
  };
}

let registries = 0;

/** A repository in `mode` under a fresh registry of the org. */
export async function makeRepository(
  store: Store,
  orgId: string,
  name: string,
  mode: Repository['mode'] = 'continuous',
): Promise<Repository> {
  const registry = await store.registries.create({
    orgId,
    name: `registry-${++registries}`,
    url: `http://127.0.0.1:${5000 + registries}`,
    webhookSecretHash: 'x',
  });
  const repository = await store.repositories.ensure(orgId, registry.id, name);
  return mode === 'none' ? repository : store.repositories.setMode(orgId, repository.id, mode, null);
}

export const digestOf = (text: string): string => `sha256:${createHash('sha256').update(text).digest('hex')}`;

/**
 * What a push does: the image analysed against the database as it is now (keys recorded as the analyze job
 * records them) and, with a tag, the tag pointer moved (the repository's last-pushed tag when newest).
 */
export async function pushImage(
  store: Store,
  dbPath: string,
  input: { repository: Repository; sbom: Sbom; tag?: string; at?: string; mode?: ImageRecord['mode'] },
): Promise<ImageRecord> {
  const at = input.at ?? new Date().toISOString();
  const digest = digestOf(`${input.repository.id}/${JSON.stringify(input.sbom.packages)}/${input.tag}/${at}`);
  const db = openAdvisoryDb(dbPath);
  try {
    const { report, keys } = matchRecordingKeys(input.sbom, db);
    const image = await store.images.saveAnalysis({
      orgId: input.repository.orgId,
      repositoryId: input.repository.id,
      digest,
      pushedAt: at,
      mode: input.mode ?? (input.repository.mode === 'point-in-time' ? 'point-in-time' : 'continuous'),
      at,
      sbom: input.sbom,
      report,
      packageKeys: keys,
    });
    if (input.tag) await store.repositories.recordPush(input.repository.id, { tag: input.tag, digest, at });
    return image;
  } finally {
    db.close();
  }
}
