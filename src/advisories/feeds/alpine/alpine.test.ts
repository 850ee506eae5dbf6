import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, sharedFile } from '../__fixtures__/shared.js';
import { alpineFeed } from './feed.js';

describe('Alpine secdb', () => {
  it('reads JSON and YAML secdb files into one advisory per CVE across releases', async () => {
    const payload = await alpineFeed.readLocal([
      join(fixtures, 'alpine', 'v3.18', 'main.json'),
      join(fixtures, 'alpine', 'v3.17', 'main.yaml'),
    ]);
    const byId = new Map(payload.advisories.map((a) => [a.id, a]));
    expect(byId.get('ALPINE-CVE-2023-5363')?.affected).toEqual([
      {
        package: { ecosystem: 'Alpine:v3.18', name: 'openssl' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.1.4-r0' }] }],
      },
      {
        package: { ecosystem: 'Alpine:v3.17', name: 'openssl' },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '3.0.12-r0' }] }],
      },
    ]);
    // "0" means never affected: a status, no range
    expect(byId.get('ALPINE-CVE-2022-1292')).toMatchObject({
      affected: [],
      distro_statuses: [
        { ecosystem: 'Alpine:v3.18', package: 'openssl', status: 'not-affected' },
        { ecosystem: 'Alpine:v3.17', package: 'openssl', status: 'not-affected' },
      ],
    });
    expect(byId.get('ALPINE-CVE-2024-22195')?.upstream).toEqual(['CVE-2024-22195', 'GHSA-h5c8-rqwp-cp95']);
    expect(byId.get('ALPINE-CVE-2019-10906')?.distro_statuses?.[0]?.note).toBe('(+ regression fix)');
    expect(payload.problems).toEqual(['main.json: package entry without name or secfixes']);
  });

  const real = sharedFile('alpine-secdb/alpine-secdb-yaml.zip');
  it.skipIf(!real)('parses the real v3.3–v3.11 YAML set', async () => {
    const payload = await alpineFeed.readLocal([real!]);
    expect(payload.problems).toEqual([]);
    const releases = new Set(payload.advisories.flatMap((a) => a.affected.map((x) => x.package.ecosystem)));
    expect([...releases].sort()).toEqual(
      ['v3.10', 'v3.11', 'v3.3', 'v3.4', 'v3.5', 'v3.6', 'v3.7', 'v3.8', 'v3.9'].map((r) => `Alpine:${r}`),
    );
    const packages = new Set(
      payload.advisories.flatMap((a) => a.affected.map((x) => `${x.package.ecosystem}/${x.package.name}`)),
    );
    expect(packages.size).toBeGreaterThan(1500);
    expect(payload.advisories).toHaveLength(2476);
  });

  const samples = sharedFile('format-samples/vunnel-test-fixtures.zip');
  it.skipIf(!samples)('parses the current-format YAML sample (v3.15)', async () => {
    const payload = await alpineFeed.readLocal([samples!]);
    expect(payload.problems).toEqual([]);
    expect(payload.advisories.find((a) => a.id === 'ALPINE-CVE-2022-37434')?.affected[0]).toMatchObject({
      package: { ecosystem: 'Alpine:v3.15', name: 'zlib' },
    });
  });
});
