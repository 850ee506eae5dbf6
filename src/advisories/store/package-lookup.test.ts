import { mkdtempSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ecosystemBaseKey, ecosystemKey, packageKey } from '../ecosystems.js';
import type { Advisory, DistroStatus } from '../model.js';
import { applyPayload, openAdvisoryDb, openUpdateSession } from './index.js';

const releases = ['Ubuntu:14.04:LTS', 'Ubuntu:16.04:LTS', 'Ubuntu:Pro:14.04:LTS'];

/** A kernel-like CVE: one package in several releases, each with a range and a status. */
function kernel(n: number): Advisory {
  const statuses: DistroStatus[] = releases.map((ecosystem, i) => ({
    ecosystem,
    release: ['trusty', 'xenial', 'trusty'][i],
    package: 'linux',
    status: (n + i) % 3 === 0 ? 'not-affected' : 'fixed',
    ...((n + i) % 3 === 0 ? {} : { version: `4.4.0-${n}.${i}` }),
    urgency: 'medium',
  }));
  return {
    id: `UBUNTU-CVE-2024-${String(1000 + n)}`,
    modified: '2024-01-01T00:00:00Z',
    aliases: [],
    upstream: [`CVE-2024-${1000 + n}`],
    summary: `kernel flaw ${n} — ünïcode, "quotes" and a\nnewline`,
    severity: [{ type: 'Ubuntu', score: 'medium' }],
    affected: releases.map((ecosystem) => ({
      package: { ecosystem, name: 'linux' },
      ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: `4.4.0-${n}` }] }],
    })),
    distro_statuses: statuses,
    details: 'details stay out of package look-ups',
    source: 'feed',
  };
}

const records: Advisory[] = [
  ...Array.from({ length: 40 }, (_, n) => kernel(n)),
  {
    id: 'MIXED-1',
    modified: '2024-01-02T00:00:00Z',
    aliases: ['CVE-2024-1', 'GHSA-aaaa'],
    // one package named twice, interleaved with another, and an entry without a package
    affected: [
      { package: { ecosystem: 'PyPI', name: 'Foo_Bar' }, versions: ['1.0'] },
      { package: { ecosystem: 'npm', name: 'left-pad' }, versions: ['0.1.0'] },
      {
        package: { ecosystem: 'pypi', name: 'foo.bar' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '2' }] }],
      },
      { versions: ['orphan'] } as unknown as Advisory['affected'][number],
    ],
    references: [{ type: 'WEB', url: 'https://example.test/1' }],
    database_specific: { nested: { deep: [1, 2] } },
    source: 'feed',
  },
  {
    id: 'DEB-1',
    modified: '2024-01-03T00:00:00Z',
    aliases: [],
    affected: [
      { package: { ecosystem: 'Debian:12', name: 'openssl' } },
      { package: { ecosystem: 'Debian:11', name: 'openssl' } },
    ],
    distro_statuses: [
      { ecosystem: 'Debian:11', package: 'openssl', status: 'fixed', version: '1.1' },
      { ecosystem: 'Debian:10', package: 'openssl', status: 'no-dsa', note: 'Minor issue' },
    ],
    source: 'feed',
  },
  {
    id: 'W-1',
    modified: '2024-01-04T00:00:00Z',
    withdrawn: '2024-02-01T00:00:00Z',
    aliases: [],
    affected: [{ package: { ecosystem: 'PyPI', name: 'foo-bar' } }],
    source: 'feed',
  },
  {
    id: 'EMPTY-WITHDRAWN',
    modified: '2024-01-05T00:00:00Z',
    withdrawn: '',
    aliases: [],
    affected: [{ package: { ecosystem: 'PyPI', name: 'foo-bar' } }],
    source: 'feed',
  },
];

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'crowsnest-lookup-'));
  path = join(dir, 'advisories.db');
  const session = openUpdateSession(path);
  applyPayload(
    session.db,
    { source: 'feed', started: '' },
    { advisories: records, complete: true, problems: [] },
  );
  session.commit();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** What a package look-up has always returned, built from byId's whole record (the eager reference). */
function expected(
  db: ReturnType<typeof openAdvisoryDb>,
  ecosystem: string,
  name: string,
  withdrawn: boolean,
) {
  const eco = ecosystemKey(ecosystem);
  const pkg = packageKey(ecosystem, name);
  const named = (e: string, n: string) =>
    (eco.includes(':') ? ecosystemKey(e) === eco : ecosystemBaseKey(e) === eco) && packageKey(e, n) === pkg;
  const out: Advisory[] = [];
  for (const record of records) {
    const whole = db.byId(record.id) as Advisory;
    const { affected, distro_statuses, details, references, credits, ...head } = whole;
    const mine = affected.filter((a) => a.package && named(a.package.ecosystem, a.package.name));
    const statuses = (distro_statuses ?? []).filter((s) => named(s.ecosystem, s.package));
    if (mine.length === 0 && statuses.length === 0) continue;
    if (whole.withdrawn && !withdrawn) continue;
    const projected: Advisory = { ...head, affected: mine };
    if (statuses.length) projected.distro_statuses = statuses;
    out.push(projected);
  }
  return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.source < b.source ? -1 : 1));
}

describe('package look-ups', () => {
  it('return what the eager look-up returned: same records, fields, key order and entry order', () => {
    const db = openAdvisoryDb(path);
    const asked: [string, string][] = [
      ['Ubuntu:14.04', 'linux'],
      ['ubuntu:pro:14.04', 'LINUX'],
      ['Ubuntu', 'linux'],
      ['PyPI', 'foo-bar'],
      ['pypi', 'FOO_BAR'],
      ['npm', 'left-pad'],
      ['Debian:11', 'openssl'],
      ['Debian:10', 'openssl'],
      ['Debian', 'openssl'],
      ['Debian:9', 'openssl'],
    ];
    for (const [ecosystem, name] of asked) {
      for (const withdrawn of [false, true]) {
        const want = expected(db, ecosystem, name, withdrawn);
        const got = db.byPackage(ecosystem, name, { includeWithdrawn: withdrawn });
        expect(JSON.stringify(got), `${ecosystem} ${name}`).toBe(JSON.stringify(want));
        expect(got.map((a) => Object.keys(a))).toEqual(want.map((a) => Object.keys(a)));
      }
    }
    expect(db.byPackage('Ubuntu:14.04', 'linux')).toHaveLength(40);
    expect(db.byPackage('Debian', 'openssl')[0]?.affected.map((a) => a.package.ecosystem)).toEqual([
      'Debian:12',
      'Debian:11',
    ]);
    db.close();
  });

  it('return records that behave as plain objects before and after they are read whole', () => {
    const db = openAdvisoryDb(path);
    const [lazy] = db.byPackage('PyPI', 'foo-bar');
    const [plain] = expected(db, 'PyPI', 'foo-bar', false);
    if (!lazy || !plain) throw new Error('no record');
    // the fields the matcher reads come without the head
    expect(lazy.id).toBe('EMPTY-WITHDRAWN');
    expect(lazy.source).toBe('feed');
    expect(lazy.withdrawn).toBe('');
    const withdrawn = db.byPackage('PyPI', 'foo-bar', { includeWithdrawn: true }).at(-1);
    expect(withdrawn?.withdrawn).toBe('2024-02-01T00:00:00Z');
    expect(db.byPackage('Debian:12', 'openssl')[0]?.withdrawn).toBeUndefined();
    const affected = lazy.affected;
    expect(affected).toEqual(plain.affected);
    expect(inspect(lazy)).toBe(inspect(plain));
    // util.inspect looks at a proxy's target, not through the proxy: an unread record still shows whole
    const [fresh] = db.byPackage('npm', 'left-pad');
    expect(inspect(fresh, { depth: 5 })).toBe(
      inspect(expected(db, 'npm', 'left-pad', false)[0], { depth: 5 }),
    );
    expect(inspect(fresh)).toContain("id: 'MIXED-1'");
    expect({ ...lazy }).toEqual(plain);
    expect(Object.keys(lazy)).toEqual(Object.keys(plain));
    expect('withdrawn' in lazy && lazy.withdrawn === '').toBe(true);
    expect(lazy.affected).toBe(affected);
    expect(Object.getPrototypeOf(lazy)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(lazy, 'id')).toEqual(Object.getOwnPropertyDescriptor(plain, 'id'));
    expect(Object.isFrozen(lazy.aliases)).toBe(true);
    expect(lazy).toStrictEqual(plain);
    lazy.summary = 'changed';
    delete (lazy as Partial<Advisory>).withdrawn;
    expect(JSON.stringify(lazy)).toBe(JSON.stringify({ ...plain, withdrawn: undefined, summary: 'changed' }));
    Object.freeze(lazy);
    expect(Object.isFrozen(lazy)).toBe(true);
    db.close();
  });

  it('answer the matcher without reading heads, and read them after the reader is closed', () => {
    const db = openAdvisoryDb(path);
    const found = db.byPackage('Ubuntu:16.04', 'linux');
    const eager = expected(db, 'Ubuntu:16.04', 'linux', false);
    expect(found.map((a) => [a.id, a.source, a.withdrawn, a.distro_statuses?.length])).toEqual(
      eager.map((a) => [a.id, a.source, undefined, 1]),
    );
    db.close();
    expect(() => db.byPackage('Ubuntu:16.04', 'linux')).toThrow(/not open/);
    expect(() => db.byId('DEB-1')).toThrow(/not open/);
    // heads (summary, severity...) are still read after close, while the records live
    expect(JSON.stringify(found)).toBe(JSON.stringify(eager));
  });

  it.skipIf(process.platform !== 'linux')(
    'close the file at once, or once the records handed out are gone',
    async () => {
      setFlagsFromString('--expose-gc');
      const gc = runInNewContext('gc') as () => void;
      const opened = () =>
        readdirSync('/proc/self/fd').filter((fd) => safeLink(`/proc/self/fd/${fd}`) === path).length;
      const idle = openAdvisoryDb(path);
      expect(opened()).toBe(1);
      idle.close();
      expect(opened()).toBe(0);
      const db = openAdvisoryDb(path);
      let found: Advisory[] | undefined = db.byPackage('Ubuntu:14.04', 'linux');
      db.close();
      expect(opened()).toBe(1);
      expect(found[0]?.summary).toMatch(/kernel flaw/);
      found = undefined;
      for (let i = 0; i < 50 && opened() > 0; i++) {
        gc();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(opened()).toBe(0);
    },
  );
});

function safeLink(fd: string): string | undefined {
  try {
    return readlinkSync(fd);
  } catch {
    return undefined;
  }
}
