import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Advisory } from '../advisories/model.js';
import type { Sbom } from '../sbom/types.js';
import { makeDb, osv, pkg, type TestDb } from './__fixtures__/store.js';
import { matchSbom } from './match.js';

const cvss = (vector: string, source: string) => ({ type: 'CVSS_V3', score: vector, source });
const HIGH = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N'; // 7.5
const CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H'; // 9.8

let t: TestDb;
const lodash = pkg('npm', 'lodash', '4.17.15');
const perl = pkg('deb', 'perl-base', '5.36.0-7+deb12u3', {
  source: { name: 'perl', version: '5.36.0-7+deb12u3' },
});
const requests = pkg('pypi', 'requests', '2.28.1');
const stdlib = pkg('golang', 'stdlib', 'v1.19.8');
const sbom: Pick<Sbom, 'packages' | 'distro'> = {
  packages: [lodash, perl, requests, stdlib],
  distro: { id: 'debian', versionId: '12' },
};

beforeAll(() => {
  const withdrawn: Advisory = osv(
    'GHSA-with-draw-0001',
    'npm',
    'lodash',
    [{ introduced: '0' }, { fixed: '9.9.9' }],
    {
      withdrawn: '2024-02-01T00:00:00Z',
      aliases: ['CVE-2099-9999'],
    },
  );
  t = makeDb(
    {
      ghsa: [
        osv('GHSA-p6mc-m468-83gw', 'npm', 'lodash', [{ introduced: '3.7.0' }, { fixed: '4.17.19' }], {
          aliases: ['CVE-2020-8203'],
          summary: 'Prototype Pollution in lodash',
          published: '2020-07-15T19:15:48Z',
          severity: [cvss(HIGH, 'GHSA')],
          references: [
            { type: 'WEB', url: 'https://example.invalid/web' },
            { type: 'ADVISORY', url: 'https://github.com/advisories/GHSA-p6mc-m468-83gw' },
          ],
        }),
        withdrawn,
        osv('GHSA-j8xg-fqg3-53r7', 'PyPI', 'requests', [{ introduced: '2.3.0' }, { fixed: '2.31.0' }], {
          aliases: ['CVE-2023-32681'],
          severity: [cvss(HIGH, 'GHSA')],
        }),
      ],
      nvd: [
        {
          id: 'CVE-2020-8203',
          modified: '2024-01-01T00:00:00Z',
          aliases: [],
          affected: [],
          source: 'nvd',
          severity: [cvss(CRITICAL, 'nvd')],
        },
      ],
      'nodejs-security-wg': [
        osv('NSWG-ECO-516', 'npm', 'lodash', [{ introduced: '4.17.15' }, { fixed: '4.17.20' }], {
          aliases: ['CVE-2020-8203'],
        }),
      ],
      'osv-pypi': [
        // PYSEC names only the GHSA; the GHSA names the CVE: joined through the alias look-up
        osv('PYSEC-2023-74', 'PyPI', 'requests', [{ introduced: '2.3.0' }, { fixed: '2.31.0' }], {
          aliases: ['GHSA-j8xg-fqg3-53r7'],
        }),
      ],
      'debian-dsa': [
        {
          id: 'DSA-9000-1',
          modified: '2024-01-01T00:00:00Z',
          aliases: [],
          related: ['CVE-2026-7017', 'CVE-2026-42496'],
          summary: 'perl: security update',
          affected: [],
          distro_statuses: [
            { ecosystem: 'Debian:12', package: 'perl', status: 'fixed', version: '5.36.0-7+deb12u4' },
          ],
          source: 'debian-dsa',
        },
      ],
      'debian-tracker': [
        {
          id: 'DEBIAN-CVE-2026-7017',
          modified: '2024-01-01T00:00:00Z',
          aliases: [],
          upstream: ['CVE-2026-7017'],
          affected: [],
          distro_statuses: [{ ecosystem: 'Debian:12', package: 'perl', status: 'no-dsa' }],
          severity: [{ type: 'Debian', score: 'low', source: 'debian' }],
          source: 'debian-tracker',
        },
      ],
      'osv-go': [
        osv('GO-2023-2102', 'Go', 'stdlib', [{ introduced: '0' }, { fixed: '1.20.10' }], {
          aliases: ['CVE-2023-39325', 'GHSA-4374-p667-p6c8'],
        }),
      ],
    },
    {
      kev: [
        { cve: 'CVE-2023-39325', dateAdded: '2023-10-10', dueDate: '2023-10-31', ransomwareUse: 'Unknown' },
      ],
      epss: [{ cve: 'CVE-2020-8203', score: 0.0123, percentile: 0.85 }],
    },
  );
});
afterAll(() => t.dispose());

const findingsOf = () => matchSbom(sbom, t.db).findings;

describe('findings', () => {
  it('make one finding per package and alias group, named by the CVE', () => {
    const mine = findingsOf().filter((f) => f.packageId === lodash.id);
    expect(mine.map((f) => f.id)).toEqual(['CVE-2020-8203']);
    const [finding] = mine;
    expect(finding!.aliases).toEqual(['GHSA-p6mc-m468-83gw', 'NSWG-ECO-516']);
    expect(finding!.matches.map((m) => m.advisoryId).sort()).toEqual(['GHSA-p6mc-m468-83gw', 'NSWG-ECO-516']);
  });

  it('take the highest severity of every record in the group, naming its source', () => {
    const finding = findingsOf().find((f) => f.packageId === lodash.id)!;
    expect(finding.severity).toMatchObject({ rating: 'critical', score: 9.8, source: 'nvd' });
  });

  it('list each feed’s smallest fix, in version order', () => {
    const finding = findingsOf().find((f) => f.packageId === lodash.id)!;
    expect(finding.fix).toEqual({ state: 'fixed', versions: ['4.17.19', '4.17.20'] });
  });

  it('carry summary, publication date, URLs (advisory pages first) and EPSS', () => {
    const finding = findingsOf().find((f) => f.packageId === lodash.id)!;
    expect(finding.summary).toBe('Prototype Pollution in lodash');
    expect(finding.published).toBe('2020-07-15T19:15:48Z');
    expect(finding.urls[0]).toBe('https://github.com/advisories/GHSA-p6mc-m468-83gw');
    expect(finding.epss).toEqual({ score: 0.0123, percentile: 0.85 });
    expect(finding.kev).toBeUndefined();
  });

  it('never report withdrawn records', () => {
    expect(
      findingsOf().some((f) => f.id === 'CVE-2099-9999' || f.aliases.includes('GHSA-WITH-DRAW-0001')),
    ).toBe(false);
  });

  it('join records that only name each other through the alias look-up', () => {
    const mine = findingsOf().filter((f) => f.packageId === requests.id);
    expect(mine.map((f) => f.id)).toEqual(['CVE-2023-32681']);
    expect(mine[0]!.aliases).toEqual(['GHSA-j8xg-fqg3-53r7', 'PYSEC-2023-74']);
  });

  it('split a notice listing several CVEs into one finding per CVE; a distro fix wins over "not fixed"', () => {
    const mine = findingsOf().filter((f) => f.packageId === perl.id);
    expect(mine.map((f) => f.id).sort()).toEqual(['CVE-2026-42496', 'CVE-2026-7017']);
    const first = mine.find((f) => f.id === 'CVE-2026-7017')!;
    expect(first.aliases).toEqual(['DEBIAN-CVE-2026-7017', 'DSA-9000-1']);
    expect(first.fix).toEqual({ state: 'fixed', versions: ['5.36.0-7+deb12u4'] });
    expect(first.distroStatus).toBe('fixed');
    expect(first.severity).toMatchObject({ rating: 'low', source: 'debian' });
    const second = mine.find((f) => f.id === 'CVE-2026-42496')!;
    expect(second.aliases).toEqual(['DSA-9000-1']);
    expect(second.severity.rating).toBe('unknown');
  });

  it('carry known-exploited facts by CVE', () => {
    const finding = findingsOf().find((f) => f.packageId === stdlib.id)!;
    expect(finding.id).toBe('CVE-2023-39325');
    expect(finding.kev).toEqual({ dateAdded: '2023-10-10', dueDate: '2023-10-31', ransomwareUse: 'Unknown' });
    expect(finding.matches[0]!.method).toBe('go-stdlib');
  });

  it('look each alias group up once per scan', () => {
    const result = matchSbom(sbom, t.db);
    expect(result.stats.lookups.byPackage).toBe(5);
    expect(result.stats.lookups.byAlias).toBeLessThanOrEqual(result.findings.length);
  });
});
