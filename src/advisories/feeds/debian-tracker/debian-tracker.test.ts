import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, sharedFile } from '../__fixtures__/shared.js';
import { readZip } from '../archive.js';
import { debianTrackerFeed } from './feed.js';
import { parseDebianTracker } from './parse.js';

describe('Debian security tracker JSON', () => {
  const payload = parseDebianTracker(
    readFileSync(join(fixtures, 'debian', 'tracker.json'), 'utf8'),
    'debian-tracker',
  );
  const byId = new Map(payload.advisories.map((a) => [a.id, a]));

  it('keeps every status whole, per release codename mapped to Debian:<number>', () => {
    const statuses = payload.advisories.flatMap((a) =>
      (a.distro_statuses ?? []).map(
        (s) => `${a.id} ${s.ecosystem} ${s.package} ${s.status}${s.version ? ` ${s.version}` : ''}`,
      ),
    );
    expect(statuses).toEqual([
      'DEBIAN-CVE-2014-0160 Debian:7 openssl fixed 1.0.1e-2+deb7u5',
      'DEBIAN-CVE-2014-0160 Debian:6 openssl not-affected',
      'DEBIAN-CVE-2014-0160 Debian:unstable openssl fixed 1.0.1g-1',
      'DEBIAN-CVE-2021-33560 Debian:9 libgcrypt20 no-dsa',
      'DEBIAN-CVE-2021-33560 Debian:10 libgcrypt20 fixed 1.8.4-5+deb10u1',
      'DEBIAN-CVE-2021-33560 Debian:unstable libgcrypt20 fixed 1.8.7-6',
      'DEBIAN-CVE-2023-45853 Debian:12 zlib ignored',
      'DEBIAN-CVE-2023-45853 Debian:11 zlib postponed',
      'DEBIAN-CVE-2023-45853 Debian:13 zlib undetermined',
      'DEBIAN-CVE-2022-0456 Debian:11 chromium fixed 98.0.4758.80-1~deb11u1',
      'DEBIAN-CVE-2022-0456 Debian:10 chromium end-of-life',
      'DEBIAN-TEMP-0000000-ABCDEF Debian:unstable chromium unfixed',
    ]);
    expect(byId.get('DEBIAN-CVE-2023-45853')?.distro_statuses?.[0]?.note).toMatch(/minizip not built/);
    expect(payload.problems).toEqual(['broken-package: expected an object of issues']);
  });

  it('links to the CVE and derives OSV ranges and the urgency', () => {
    const heartbleed = byId.get('DEBIAN-CVE-2014-0160');
    expect(heartbleed?.upstream).toEqual(['CVE-2014-0160']);
    expect(heartbleed?.severity).toEqual([{ type: 'Debian', score: 'high', source: 'debian' }]);
    // not-affected releases get no OSV range, only their status
    expect(heartbleed?.affected.map((a) => a.package.ecosystem)).toEqual(['Debian:7', 'Debian:unstable']);
    expect(heartbleed?.affected[0]?.ranges?.[0]?.events).toEqual([
      { introduced: '0' },
      { fixed: '1.0.1e-2+deb7u5' },
    ]);
    expect(byId.get('DEBIAN-TEMP-0000000-ABCDEF')?.upstream).toBeUndefined();
  });

  it('never throws on garbage', () => {
    expect(parseDebianTracker('<html>', 'x').problems[0]).toMatch(/not JSON/);
    expect(parseDebianTracker('[1]', 'x').problems[0]).toMatch(/not a tracker dump/);
  });

  const samples = sharedFile('format-samples/vunnel-test-fixtures.zip');
  it.skipIf(!samples)('parses the real tracker sample', async () => {
    const [entry] = await readZip(
      readFileSync(samples!),
      samples!,
      (n) => n === 'debian/test-fixtures/input/debian.json',
    );
    const real = parseDebianTracker(entry!.data.toString('utf8'), 'debian-tracker');
    expect(real.problems).toEqual([]);
    expect(real.advisories.map((a) => a.id).sort()).toEqual([
      'DEBIAN-CVE-2005-3111',
      'DEBIAN-CVE-2007-2383',
      'DEBIAN-CVE-2008-7220',
      'DEBIAN-CVE-2013-1444',
      'DEBIAN-CVE-2022-0358',
      'DEBIAN-CVE-2022-0456',
      'DEBIAN-CVE-2025-53603',
    ]);
    const sope = real.advisories.find((a) => a.id === 'DEBIAN-CVE-2025-53603');
    expect(sope?.affected.map((a) => a.package.ecosystem).sort()).toEqual([
      'Debian:11',
      'Debian:12',
      'Debian:13',
      'Debian:unstable',
    ]);
  });

  it('refuses a download that holds no records', async () => {
    await expect(debianTrackerFeed.readLocal([join(fixtures, 'debian', 'DSA.list')])).rejects.toThrow(
      /no Debian tracker records/,
    );
  });
});
