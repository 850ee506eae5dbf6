import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Advisory, FeedPayload } from '../model.js';
import { applyPayload, openAdvisoryDb, openUpdateSession } from './index.js';

function cve(id: string, releases: string[], over: Partial<Advisory> = {}): Advisory {
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    aliases: [],
    affected: releases.map((ecosystem) => ({
      package: { ecosystem, name: 'linux' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: `1-${id}` }] }],
    })),
    distro_statuses: releases.map((ecosystem) => ({
      ecosystem,
      package: 'linux',
      status: 'fixed',
      version: `1-${id}`,
    })),
    source: 'x',
    ...over,
  };
}

const payload = (advisories: Advisory[], complete = true): FeedPayload => ({
  advisories,
  complete,
  problems: [],
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crowsnest-lists-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function apply(path: string, steps: [string, FeedPayload][]): void {
  for (const [source, p] of steps) {
    const session = openUpdateSession(path);
    applyPayload(session.db, { source, started: '' }, p);
    session.commit();
  }
}

function everyList(path: string): Record<string, string> {
  const raw = new Database(path, { readonly: true });
  const keys = raw.prepare('SELECT ecosystem, name FROM package_lists ORDER BY ecosystem, name').all() as {
    ecosystem: string;
    name: string;
  }[];
  raw.close();
  const db = openAdvisoryDb(path);
  const out: Record<string, string> = {};
  for (const { ecosystem, name } of keys) {
    out[`${ecosystem} ${name}`] = JSON.stringify(db.byPackage(ecosystem, name, { includeWithdrawn: true }));
  }
  out.debian = JSON.stringify(db.byPackage('Debian', 'linux', { includeWithdrawn: true }));
  db.close();
  return out;
}

describe('package lists under updates', () => {
  it('end the same after changes, withdrawals, removals and a second feed as after one import', () => {
    const deb = ['Debian:11', 'Debian:12'];
    const incremental = join(dir, 'incremental.db');
    apply(incremental, [
      ['a', payload([cve('CVE-1', deb), cve('CVE-2', deb), cve('CVE-3', ['Debian:12']), cve('CVE-4', deb)])],
      ['b', payload([cve('DLA-1', deb), cve('CVE-2', ['Debian:11'])])],
      [
        'a',
        payload([
          cve('CVE-1', ['Debian:12', 'Debian:13'], { summary: 'now in 13, no longer in 11' }),
          cve('CVE-2', deb, { withdrawn: '2024-03-01T00:00:00Z' }),
          cve('CVE-4', deb),
          cve('CVE-5', ['Debian:11']),
        ]),
      ],
      ['b', payload([cve('DLA-2', ['Debian:12'])], false)],
    ]);
    const fresh = join(dir, 'fresh.db');
    apply(fresh, [
      [
        'a',
        payload([
          cve('CVE-1', ['Debian:12', 'Debian:13'], { summary: 'now in 13, no longer in 11' }),
          cve('CVE-2', deb, { withdrawn: '2024-03-01T00:00:00Z' }),
          cve('CVE-4', deb),
          cve('CVE-5', ['Debian:11']),
        ]),
      ],
      ['b', payload([cve('DLA-1', deb), cve('CVE-2', ['Debian:11']), cve('DLA-2', ['Debian:12'])])],
    ]);
    const lists = everyList(incremental);
    expect(lists).toEqual(everyList(fresh));
    expect(Object.keys(lists)).toEqual(['debian:11 linux', 'debian:12 linux', 'debian:13 linux', 'debian']);
    const db = openAdvisoryDb(incremental);
    expect(db.byPackage('Debian:11', 'linux').map((a) => `${a.id}/${a.source}`)).toEqual([
      'CVE-2/b',
      'CVE-4/a',
      'CVE-5/a',
      'DLA-1/b',
    ]);
    expect(db.findPackages('linux').map((p) => `${p.ecosystem}:${p.advisories}`)).toEqual([
      'debian:11:5',
      'debian:12:5',
      'debian:13:1',
    ]);
    expect(db.status().packages).toBe(3);
    db.close();
  });

  it('drop a package list when its last advisory goes', () => {
    const path = join(dir, 'advisories.db');
    apply(path, [
      ['a', payload([cve('CVE-1', ['Debian:11'])])],
      ['a', payload([cve('CVE-2', ['Debian:12'])])],
    ]);
    const db = openAdvisoryDb(path);
    expect(db.findPackages('linux').map((p) => p.ecosystem)).toEqual(['debian:12']);
    expect(db.byPackage('Debian:11', 'linux')).toEqual([]);
    db.close();
  });
});
