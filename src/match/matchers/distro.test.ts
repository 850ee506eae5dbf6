import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Advisory, DistroStatus } from '../../advisories/model.js';
import { makeDb, osv, pkg, type TestDb } from '../__fixtures__/store.js';
import { CachedSource } from '../helpers/cached-source.js';
import type { MatchContext } from '../types.js';
import { alpmMatcher } from './alpm.js';
import { apkMatcher } from './apk.js';
import { debMatcher } from './deb.js';
import { rpmMatcher } from './rpm.js';

const debian12 = { id: 'debian', versionId: '12', codename: 'bookworm' };

function tracker(
  cve: string,
  pkgName: string,
  statuses: Omit<DistroStatus, 'ecosystem' | 'package'>[],
): Advisory {
  return {
    id: `DEBIAN-${cve}`,
    modified: '2024-01-01T00:00:00Z',
    aliases: [],
    upstream: [cve],
    affected: [],
    source: 'debian-tracker',
    distro_statuses: statuses.map((s) => ({ ecosystem: 'Debian:12', package: pkgName, ...s })),
  };
}

let t: TestDb;
let context: MatchContext;
beforeAll(() => {
  t = makeDb({
    'debian-tracker': [
      tracker('CVE-2026-7017', 'perl', [{ status: 'fixed', version: '5.36.0-7+deb12u4' }]),
      tracker('CVE-2025-31115', 'xz-utils', [{ status: 'fixed', version: '5.4.1-1' }]),
      tracker('CVE-2011-3374', 'apt', [{ status: 'unfixed', urgency: 'unimportant' }]),
      tracker('CVE-2016-2781', 'coreutils', [{ status: 'ignored', note: 'Minor issue' }]),
      tracker('CVE-2022-0563', 'util-linux', [{ status: 'no-dsa', note: 'Minor issue' }]),
      tracker('CVE-2099-0001', 'bash', [{ status: 'fixed', version: '5.2.15-3' }]),
      tracker('CVE-2099-0002', 'zlib', [{ status: 'not-affected' }]),
    ],
    'debian-dsa': [
      {
        id: 'DSA-9999-1',
        modified: '2024-01-01T00:00:00Z',
        aliases: [],
        related: ['CVE-2099-0003'],
        affected: [
          {
            package: { ecosystem: 'Debian:11', name: 'bash' },
            ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '9.9' }] }],
          },
        ],
        source: 'debian-dsa',
      },
    ],
    'osv-almalinux': [
      osv('ALSA-2024:1', 'AlmaLinux:9', 'hello-fixture', [{ introduced: '0' }, { fixed: '1:1.2.3-5.el9' }]),
      osv('ALSA-2024:2', 'AlmaLinux:9', 'filler-base', [{ introduced: '0' }, { fixed: '1.0-2.el9' }]),
      osv('ALSA-2024:3', 'AlmaLinux:8', 'libfixture', [{ introduced: '0' }, { fixed: '9.9-1.el8' }]),
    ],
    'alpine-secdb': [
      osv('ALPINE-CVE-2023-5363', 'Alpine:v3.18', 'openssl', [{ introduced: '0' }, { fixed: '3.1.4-r0' }]),
    ],
  });
  context = { db: new CachedSource(t.db), distro: debian12 };
});
afterAll(() => t.dispose());

const deb = (name: string, version: string, source?: string, sourceVersion?: string) =>
  pkg('deb', name, version, source ? { source: { name: source, version: sourceVersion ?? version } } : {});

describe('distro matchers', () => {
  it('finds a Debian package by its source package, comparing the source version', () => {
    const { matches } = debMatcher.match(deb('perl-base', '5.36.0-7+deb12u3', 'perl'), context);
    expect(matches).toHaveLength(1);
    expect(matches[0]!.fixState).toBe('fixed');
    expect(matches[0]!.evidence).toMatchObject({
      method: 'source-package',
      searchedBy: { ecosystem: 'Debian:12', name: 'perl' },
      version: '5.36.0-7+deb12u3',
      advisoryId: 'DEBIAN-CVE-2026-7017',
      feed: 'debian-tracker',
      fixedVersion: '5.36.0-7+deb12u4',
      range: '<5.36.0-7+deb12u4',
      distroStatus: { status: 'fixed', package: 'perl' },
    });
  });

  it('does not report a fix older than the installed version, nor a not-affected status', () => {
    expect(debMatcher.match(deb('liblzma5', '5.4.1-1+deb12u1', 'xz-utils'), context).matches).toEqual([]);
    expect(debMatcher.match(deb('zlib1g', '1:1.2.13.dfsg-1', 'zlib'), context).matches).toEqual([]);
  });

  it('compares a binNMU by its source version', () => {
    // bash 5.2.15-2+b13 is built from source 5.2.15-2: fixed in 5.2.15-3 means affected
    const { matches } = debMatcher.match(deb('bash', '5.2.15-2+b13', 'bash', '5.2.15-2'), context);
    expect(matches.map((m) => [m.evidence.method, m.evidence.version])).toEqual([
      ['binary-package', '5.2.15-2'],
    ]);
  });

  it.each([
    ['apt', '2.6.1', 'apt', 'not-fixed', 'unfixed'],
    ['coreutils', '9.1-1', 'coreutils', 'will-not-fix', 'ignored'],
    ['libblkid1', '2.38.1-5+deb12u3', 'util-linux', 'not-fixed', 'no-dsa'],
  ])('reports %s with its open status', (name, version, source, fixState, status) => {
    const { matches } = debMatcher.match(deb(name, version, source), context);
    expect(matches).toHaveLength(1);
    expect(matches[0]!.fixState).toBe(fixState);
    expect(matches[0]!.evidence.distroStatus?.status).toBe(status);
    expect(matches[0]!.evidence.fixedVersion).toBeUndefined();
  });

  it('keeps to the image release: a DSA for Debian 11 does not match a Debian 12 package', () => {
    const { matches } = debMatcher.match(deb('bash', '5.2.15-2'), context);
    expect(matches.map((m) => m.advisory.id)).toEqual(['DEBIAN-CVE-2099-0001']);
  });

  it('uses the purl distro qualifier when the SBOM names no distribution', () => {
    const p = deb('perl-base', '5.36.0-7+deb12u3', 'perl');
    p.purl = 'pkg:deb/debian/perl-base@5.36.0-7%2Bdeb12u3?arch=amd64&distro=debian-12';
    expect(debMatcher.match(p, { db: context.db }).matches).toHaveLength(1);
  });

  it('says so when the distribution is unknown, instead of matching nothing silently', () => {
    const result = debMatcher.match(deb('perl-base', '5.36.0-7', 'perl'), { db: context.db });
    expect(result.matches).toEqual([]);
    expect(result.notEvaluated[0]?.reason).toMatch(/distribution is unknown/);
  });

  it('reports an unparsable installed version as not evaluated', () => {
    const result = debMatcher.match(deb('perl-base', 'garbage version!', 'perl'), context);
    expect(result.matches).toEqual([]);
    expect(result.notEvaluated[0]?.reason).toMatch(/"garbage version!" is not a valid Debian/);
  });

  it('matches rpm packages by binary name with epochs, and by source rpm name', () => {
    const alma = { db: context.db, distro: { id: 'almalinux', versionId: '9.3' } };
    const hello = rpmMatcher.match(
      pkg('rpm', 'hello-fixture', '1:1.2.3-4.el9', {
        source: { name: 'hello-fixture', version: '1:1.2.3-4.el9' },
      }),
      alma,
    );
    expect(hello.matches.map((m) => m.evidence.fixedVersion)).toEqual(['1:1.2.3-5.el9']);
    const filler = rpmMatcher.match(
      pkg('rpm', 'filler-07', '1.0-1.el9', { source: { name: 'filler-base', version: '1.0-1.el9' } }),
      alma,
    );
    expect(filler.matches[0]?.evidence).toMatchObject({
      method: 'source-package',
      searchedBy: { name: 'filler-base' },
    });
    const other = rpmMatcher.match(pkg('rpm', 'libfixture', '0.9.1-2.el9'), alma);
    expect(other.matches).toEqual([]);
  });

  it('matches apk packages by origin within the Alpine branch', () => {
    const alpine = { db: context.db, distro: { id: 'alpine', versionId: '3.18.4' } };
    const found = apkMatcher.match(
      pkg('apk', 'libcrypto3', '3.1.3-r0', { source: { name: 'openssl', version: '3.1.3-r0' } }),
      alpine,
    );
    expect(found.matches[0]?.evidence).toMatchObject({
      searchedBy: { ecosystem: 'Alpine:v3.18', name: 'openssl' },
      fixedVersion: '3.1.4-r0',
    });
    const older = apkMatcher.match(
      pkg('apk', 'libcrypto3', '3.1.3-r0', { source: { name: 'openssl', version: '3.1.3-r0' } }),
      { db: context.db, distro: { id: 'alpine', versionId: '3.17.2' } },
    );
    expect(older.matches).toEqual([]);
  });

  it('matches pacman packages under Arch Linux (no release)', () => {
    const t2 = makeDb({
      arch: [
        osv('ASA-2024-1', 'Arch Linux', 'hello-fixture-split', [{ introduced: '0' }, { fixed: '2:1.2.3-5' }]),
      ],
    });
    try {
      const found = alpmMatcher.match(
        pkg('alpm', 'hello-fixture', '2:1.2.3-4', {
          source: { name: 'hello-fixture-split', version: '2:1.2.3-4' },
        }),
        { db: t2.db, distro: { id: 'arch' } },
      );
      expect(found.matches[0]?.evidence.fixedVersion).toBe('2:1.2.3-5');
    } finally {
      t2.dispose();
    }
  });
});
