import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Advisory, EpssEntry, KevEntry } from '../../advisories/model.js';
import { applyPayload, openAdvisoryDb, openUpdateSession } from '../../advisories/store/index.js';
import type { AdvisoryDb } from '../../advisories/store/types.js';
import type { Package, PackageType } from '../../sbom/types.js';

export interface TestDb {
  db: AdvisoryDb;
  path: string;
  dispose(): void;
}

/** A real advisory database in a temp folder, written through the store's own update path. */
export function makeDb(
  feeds: Record<string, Advisory[]>,
  extra: { kev?: KevEntry[]; epss?: EpssEntry[] } = {},
): TestDb {
  const dir = mkdtempSync(join(tmpdir(), 'crowsnest-match-'));
  const path = join(dir, 'advisories.db');
  const session = openUpdateSession(path);
  const started = new Date().toISOString();
  for (const [source, advisories] of Object.entries(feeds)) {
    applyPayload(session.db, { source, started }, { advisories, complete: true, problems: [] });
  }
  if (extra.kev)
    applyPayload(
      session.db,
      { source: 'cisa-kev', started },
      { advisories: [], kev: extra.kev, complete: true, problems: [] },
    );
  if (extra.epss)
    applyPayload(
      session.db,
      { source: 'epss', started },
      { advisories: [], epss: extra.epss, complete: true, problems: [] },
    );
  session.commit();
  const db = openAdvisoryDb(path);
  const dispose = (): void => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { db, path, dispose };
}

/** An OSV-shaped record with one affected package and one range. */
export function osv(
  id: string,
  ecosystem: string,
  name: string,
  events: Record<string, string>[],
  over: Partial<Advisory> = {},
): Advisory {
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    aliases: [],
    affected: [{ package: { ecosystem, name }, ranges: [{ type: 'ECOSYSTEM', events }] }],
    source: 'test',
    ...over,
  };
}

let counter = 0;

/** A package as a cataloger would report it. */
export function pkg(type: PackageType, name: string, version: string, over: Partial<Package> = {}): Package {
  counter++;
  return {
    id: `${type}-${name}-${version}-${counter}`,
    type,
    name,
    version,
    purl: `pkg:${type}/${name}@${version}`,
    licenses: [],
    locations: [{ path: `/p/${counter}`, layer: 0 }],
    layer: 0,
    foundBy: 'test',
    ...over,
  };
}
