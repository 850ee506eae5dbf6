import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, sharedFile } from '../__fixtures__/shared.js';
import { debianDlaFeed, debianDsaFeed } from './feed.js';

describe('Debian DSA / DLA lists', () => {
  it('reads advisories, their CVEs and fixed versions per release', async () => {
    const payload = await debianDsaFeed.readLocal([join(fixtures, 'debian', 'DSA.list')]);
    expect(payload.advisories.map((a) => a.id)).toEqual([
      'DSA-5380-1',
      'DSA-140',
      'DSA-3281-1',
      'DSA-4205-1',
      'DSA-135',
    ]);
    const [xorg, libpng, , , modssl] = payload.advisories;
    expect(xorg).toMatchObject({
      published: '2023-03-29T00:00:00Z',
      summary: 'xorg-server: security update',
      related: ['CVE-2023-1393'],
      distro_statuses: [
        {
          ecosystem: 'Debian:11',
          release: 'bullseye',
          package: 'xorg-server',
          status: 'fixed',
          version: '2:1.20.11-1+deb11u6',
        },
      ],
    });
    expect(libpng?.affected.map((a) => `${a.package.ecosystem} ${a.package.name}`)).toEqual([
      'Debian:3.0 libpng',
      'Debian:3.0 libpng3',
    ]);
    expect(modssl?.distro_statuses?.map((s) => `${s.release} ${s.status} ${s.note ?? ''}`.trim())).toEqual([
      'woody fixed',
      'lenny not-affected Vulnerable code not present',
      'jessie end-of-life',
    ]);
    expect(payload.problems).toEqual(['line 16: not understood: this line is not tracker syntax']);
  });

  const dsa = sharedFile('debian-security-tracker/DSA.list');
  const dla = sharedFile('debian-security-tracker/DLA.list');
  it.skipIf(!dsa || !dla)('parses the real lists (5,406 DSA, 3,534 DLA)', async () => {
    const dsas = await debianDsaFeed.readLocal([dsa!]);
    const dlas = await debianDlaFeed.readLocal([dla!]);
    expect(dsas.advisories).toHaveLength(5406);
    expect(dlas.advisories).toHaveLength(3534);
    expect([...dsas.problems, ...dlas.problems]).toEqual([]);
    const withFix = dsas.advisories.filter((a) => a.distro_statuses?.some((s) => s.status === 'fixed'));
    expect(withFix.length).toBeGreaterThan(5000);
    expect(new Set(dlas.advisories.flatMap((a) => a.affected.map((x) => x.package.ecosystem)))).toContain(
      'Debian:10',
    );
  });
});
