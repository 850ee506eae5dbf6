import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Advisory, FeedPayload } from '../model.js';
import {
  applyPayload,
  openAdvisoryDb,
  openUpdateSession,
  pruneOperationDiffs,
  recordFailure,
} from './index.js';
import { cacheDir, defaultDbPath } from './paths.js';

function advisory(id: string, over: Partial<Advisory> = {}): Advisory {
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    aliases: [],
    affected: [
      {
        package: { ecosystem: 'PyPI', name: 'Foo_Bar' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.2' }] }],
      },
    ],
    source: 'ignored-by-store',
    ...over,
  };
}

function payload(advisories: Advisory[], over: Partial<FeedPayload> = {}): FeedPayload {
  return { advisories, complete: true, problems: [], ...over };
}

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crowsnest-store-'));
  path = join(dir, 'advisories.db');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function update(source: string, p: FeedPayload) {
  const session = openUpdateSession(path);
  const summary = applyPayload(session.db, { source, started: new Date().toISOString() }, p);
  session.commit();
  return summary;
}

describe('cache path', () => {
  it('follows CROWSNEST_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache', () => {
    expect(defaultDbPath({ CROWSNEST_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x' })).toBe('/c/advisories.db');
    expect(cacheDir({ XDG_CACHE_HOME: '/x' })).toBe('/x/crowsnest');
    expect(cacheDir({ HOME: '/home/u' })).toBe('/home/u/.cache/crowsnest');
  });
});

describe('advisory store', () => {
  it('records added, unchanged, changed, withdrawn and removed records', () => {
    const first = update('feed-a', payload([advisory('A-1'), advisory('A-2'), advisory('A-3')]));
    expect(first).toMatchObject({ added: 3, changed: 0, removed: 0, records: 3 });
    expect(update('feed-a', payload([advisory('A-1'), advisory('A-2'), advisory('A-3')]))).toMatchObject({
      added: 0,
      changed: 0,
      removed: 0,
    });
    const third = update(
      'feed-a',
      payload([
        advisory('A-1', { summary: 'now with text' }),
        advisory('A-2', { withdrawn: '2024-02-01T00:00:00Z' }),
      ]),
    );
    expect(third).toMatchObject({ added: 0, changed: 1, withdrawn: 1, removed: 1, records: 2 });
    const db = openAdvisoryDb(path);
    const diff = db.diffOf(third.id);
    expect(diff?.changes.map((c) => `${c.change}:${c.id}`).sort()).toEqual([
      'changed:A-1',
      'removed:A-3',
      'withdrawn:A-2',
    ]);
    expect(diff?.packages).toEqual([{ ecosystem: 'pypi', name: 'foo-bar' }]);
    expect(db.listUpdateOperations().map((op) => op.status)).toEqual(['updated', 'updated', 'updated']);
    db.close();
  });

  it('prunes the diffs of year-old operations but keeps the log', () => {
    const first = update('feed-a', payload([advisory('A-1')]));
    const session = openUpdateSession(path);
    pruneOperationDiffs(session.db, new Date(Date.now() + 400 * 86_400_000));
    session.commit();
    const db = openAdvisoryDb(path);
    expect(db.diffOf(first.id)).toMatchObject({ operation: { added: 1 }, changes: [], packages: [] });
    db.close();
  });

  it('keeps other records when a feed delivers only some (incremental)', () => {
    update('feed-a', payload([advisory('A-1'), advisory('A-2')]));
    const partial = update('feed-a', payload([advisory('A-3')], { complete: false }));
    expect(partial).toMatchObject({ added: 1, removed: 0, records: 3 });
  });

  it('finds records by package under any spelling of ecosystem and name', () => {
    update(
      'feed-a',
      payload([
        advisory('A-1'),
        advisory('DEB-1', {
          affected: [{ package: { ecosystem: 'Debian:12', name: 'openssl' } }],
          distro_statuses: [{ ecosystem: 'Debian:11', package: 'openssl', status: 'not-affected' }],
        }),
        advisory('U-1', { affected: [{ package: { ecosystem: 'Ubuntu:20.04:LTS', name: 'openssl' } }] }),
        advisory('W-1', { withdrawn: '2024-01-02T00:00:00Z' }),
      ]),
    );
    const db = openAdvisoryDb(path);
    expect(db.byPackage('PyPI', 'foo.bar').map((a) => a.id)).toEqual(['A-1']);
    expect(db.byPackage('pypi', 'FOO-BAR').map((a) => a.id)).toEqual(['A-1']);
    expect(db.byPackage('PyPI', 'foo-bar', { includeWithdrawn: true }).map((a) => a.id)).toEqual([
      'A-1',
      'W-1',
    ]);
    expect(db.byPackage('Debian:12', 'openssl').map((a) => a.id)).toEqual(['DEB-1']);
    expect(db.byPackage('Debian:11', 'openssl').map((a) => a.id)).toEqual(['DEB-1']);
    expect(db.byPackage('Debian', 'openssl').map((a) => a.id)).toEqual(['DEB-1']);
    expect(db.byPackage('Ubuntu:20.04', 'openssl').map((a) => a.id)).toEqual(['U-1']);
    expect(db.byPackage('Debian:10', 'openssl')).toEqual([]);
    expect(db.findPackages('openssl').map((p) => p.ecosystem)).toEqual([
      'debian:11',
      'debian:12',
      'ubuntu:20.04',
    ]);
    expect(db.byId('a-1')?.source).toBe('feed-a');
    db.close();
  });

  it('returns each advisory as seen from the package asked for; byId gives the whole record', () => {
    const two = advisory('TWO-1', {
      details: 'long text '.repeat(400), // large enough to be stored deflated
      affected: [
        { package: { ecosystem: 'npm', name: 'left' }, versions: ['1.0.0'] },
        { package: { ecosystem: 'npm', name: 'right' }, versions: ['2.0.0'] },
      ],
    });
    update(
      'feed-a',
      payload([two, { ...two, affected: [{ package: { ecosystem: 'npm', name: 'third' } }] }]),
    );
    const db = openAdvisoryDb(path);
    const [left] = db.byPackage('npm', 'left');
    expect(left?.affected).toEqual([{ package: { ecosystem: 'npm', name: 'left' }, versions: ['1.0.0'] }]);
    expect(left?.details).toBeUndefined();
    expect(Object.isFrozen(left?.aliases)).toBe(true);
    // the same id twice in one feed is merged, not dropped
    expect(db.byId('TWO-1')?.affected.map((a) => a.package.name)).toEqual(['left', 'right', 'third']);
    expect(db.byId('TWO-1')?.details).toBe('long text '.repeat(400));
    db.close();
  });

  it('groups aliases both ways without pulling in unrelated CVEs', () => {
    update(
      'feed-a',
      payload([
        advisory('GO-1', { aliases: ['CVE-1', 'GHSA-x'] }),
        advisory('DSA-1', { related: ['CVE-1', 'CVE-2'] }),
        advisory('DEBIAN-CVE-1', { upstream: ['CVE-1'] }),
        advisory('DEBIAN-CVE-2', { upstream: ['CVE-2'] }),
      ]),
    );
    const db = openAdvisoryDb(path);
    const ids = (id: string) => db.byAlias(id).map((a) => a.id);
    expect(ids('CVE-1')).toEqual(['DEBIAN-CVE-1', 'DSA-1', 'GO-1']);
    expect(ids('GHSA-x')).toEqual(['DEBIAN-CVE-1', 'DSA-1', 'GO-1']);
    expect(ids('DSA-1')).toEqual(['DEBIAN-CVE-1', 'DEBIAN-CVE-2', 'DSA-1', 'GO-1']);
    expect(ids('CVE-2')).toEqual(['DEBIAN-CVE-2', 'DSA-1']);
    expect(ids('CVE-404')).toEqual([]);
    db.close();
  });

  it('stores KEV and EPSS and diffs KEV additions', () => {
    update('kev', payload([], { kev: [{ cve: 'CVE-1', dateAdded: '2024-01-01' }] }));
    const second = update(
      'kev',
      payload([], {
        kev: [
          { cve: 'CVE-1', dateAdded: '2024-01-01' },
          { cve: 'CVE-2', dateAdded: '2024-02-01', ransomwareUse: 'Known' },
        ],
      }),
    );
    update(
      'epss',
      payload([], { epss: [{ cve: 'CVE-1', score: 0.5, percentile: 0.9, date: '2024-03-01' }] }),
    );
    const db = openAdvisoryDb(path);
    expect(db.kev('cve-2')).toEqual({ cve: 'CVE-2', dateAdded: '2024-02-01', ransomwareUse: 'Known' });
    expect(db.kev('CVE-3')).toBeUndefined();
    expect(db.epss('CVE-1')).toEqual({ cve: 'CVE-1', score: 0.5, percentile: 0.9, date: '2024-03-01' });
    expect(db.diffOf(second.id)?.changes).toEqual([{ change: 'kev-added', source: 'kev', id: 'CVE-2' }]);
    expect(db.status()).toMatchObject({ kev: 2, epss: 1, advisories: 0 });
    db.close();
  });
});

describe('copy-on-write updates', () => {
  it('leaves the live database untouched until commit, and after abort', () => {
    update('feed-a', payload([advisory('A-1')]));
    const session = openUpdateSession(path);
    applyPayload(session.db, { source: 'feed-a', started: '' }, payload([advisory('A-2')]));
    const reader = openAdvisoryDb(path);
    expect(reader.byPackage('PyPI', 'foo-bar').map((a) => a.id)).toEqual(['A-1']);
    session.abort();
    expect(
      openAdvisoryDb(path)
        .byPackage('PyPI', 'foo-bar')
        .map((a) => a.id),
    ).toEqual(['A-1']);
    expect(readdirSync(dir).sort()).toEqual(['advisories.db']);
    reader.close();
  });

  it('lets an open reader keep its snapshot while a new file is swapped in', () => {
    update('feed-a', payload([advisory('A-1')]));
    const reader = openAdvisoryDb(path);
    update('feed-a', payload([advisory('A-2')]));
    expect(reader.byPackage('PyPI', 'foo-bar').map((a) => a.id)).toEqual(['A-1']);
    expect(
      openAdvisoryDb(path)
        .byPackage('PyPI', 'foo-bar')
        .map((a) => a.id),
    ).toEqual(['A-2']);
    reader.close();
  });

  it('refuses a second writer and records failures without touching data', () => {
    update('feed-a', payload([advisory('A-1')]));
    const session = openUpdateSession(path);
    expect(() => openUpdateSession(path)).toThrow(/another crowsnest update is running/);
    recordFailure(session.db, { source: 'feed-a', started: '', origin: 'http://x/y' }, 'boom');
    session.commit();
    const db = openAdvisoryDb(path);
    expect(db.byPackage('PyPI', 'foo-bar')).toHaveLength(1);
    expect(db.listUpdateOperations()[0]).toMatchObject({
      status: 'failed',
      error: 'boom',
      origin: 'http://x/y',
    });
    expect(db.status().sources[0]).toMatchObject({ source: 'feed-a', records: 1, lastError: 'boom' });
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('explains a missing or unreadable database', () => {
    expect(() => openAdvisoryDb(join(dir, 'none.db'))).toThrow(/no advisory database yet/);
  });

  it('refuses a file of the previous layout and rebuilds it at the next update', () => {
    // layout 1: slices in per-(record, package) rows, the rest beside the head
    const old = new Database(path);
    old.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta VALUES ('schema_version', '1');
      CREATE TABLE advisories (rowid INTEGER PRIMARY KEY, source TEXT, id TEXT, modified TEXT,
        withdrawn TEXT, hash TEXT, head TEXT, rest, UNIQUE (source, id));
      CREATE TABLE packages (adv INTEGER, ecosystem TEXT, base TEXT, name TEXT, slice TEXT);
      INSERT INTO advisories VALUES (1, 'feed-a', 'OLD-1', '', NULL, 'h', '{}', '{}');
      INSERT INTO packages VALUES (1, 'pypi', 'pypi', 'foo-bar', '{"a":[]}');`);
    old.close();
    expect(() => openAdvisoryDb(path)).toThrow(/layout 1, expected 2/);
    update('feed-a', payload([advisory('A-1')]));
    const db = openAdvisoryDb(path);
    expect(db.byPackage('PyPI', 'foo-bar').map((a) => a.id)).toEqual(['A-1']);
    expect(db.status()).toMatchObject({ schemaVersion: 2, advisories: 1, packages: 1 });
    db.close();
  });
});
