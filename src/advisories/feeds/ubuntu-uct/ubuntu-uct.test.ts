import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { fixtures, sharedFile } from '../__fixtures__/shared.js';
import { ubuntuUctFeed } from './feed.js';
import { parseUctRecord } from './parse.js';

const dir = join(fixtures, 'ubuntu-uct');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

describe('Ubuntu CVE tracker records', () => {
  it('maps every release status, with versions, notes and per-package priority', () => {
    const advisory = parseUctRecord(read('active/CVE-2019-6234'), 'ubuntu-uct');
    expect(advisory?.published).toBe('2019-03-05T16:29:00Z');
    const statuses = advisory?.distro_statuses?.map((s) =>
      [s.ecosystem, s.package, s.status, s.version ?? '', s.note ?? '', s.urgency ?? ''].join(' ').trim(),
    );
    expect(statuses).toEqual([
      'Ubuntu:16.04:LTS webkit2gtk postponed   medium',
      'Ubuntu:18.04:LTS webkit2gtk fixed 2.22.4-0ubuntu0.18.04.1  medium',
      'Ubuntu:18.10 webkit2gtk end-of-life  reached end-of-life medium',
      'Ubuntu:19.04 webkit2gtk unfixed 2.24.0-1 fix pending in 2.24.0-1 medium',
      'Ubuntu:Pro:14.04:LTS qtwebkit unfixed   low',
      'Ubuntu:16.04:LTS qtwebkit undetermined   low',
      'Ubuntu:18.04:LTS qtwebkit not-affected  code not present low',
    ]);
    expect(advisory?.severity).toEqual([
      { type: 'Ubuntu', score: 'medium', source: 'ubuntu' },
      { type: 'CVSS_V3', score: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', source: 'nvd' },
    ]);
    // not-affected gets no range; everything open is "all versions"
    expect(advisory?.affected.map((a) => `${a.package.ecosystem} ${a.package.name}`)).not.toContain(
      'Ubuntu:18.04:LTS qtwebkit',
    );
  });

  it('reads fixed versions as OSV ranges and the CVE as upstream', () => {
    const heartbleed = parseUctRecord(read('retired/CVE-2014-0160'), 'ubuntu-uct');
    expect(heartbleed).toMatchObject({
      id: 'UBUNTU-CVE-2014-0160',
      upstream: ['CVE-2014-0160'],
      published: '2014-04-07T00:00:00Z',
    });
    const trusty = heartbleed?.affected.find((a) => a.package.ecosystem === 'Ubuntu:14.04:LTS');
    expect(trusty?.ranges?.[0]?.events).toEqual([{ introduced: '0' }, { fixed: '1.0.1f-1ubuntu2' }]);
    expect(heartbleed?.distro_statuses?.find((s) => s.release === 'lucid')).toMatchObject({
      status: 'not-affected',
      version: '0.9.8k-7ubuntu8',
    });
    expect(parseUctRecord('Candidate: not-a-cve\n', 'x')).toBeUndefined();
  });

  it('reads a tar.gz of the tracker folders', async () => {
    const pack = tar.pack();
    for (const name of ['retired/CVE-2014-0160', 'active/CVE-2019-6234'])
      pack.entry({ name: `uct/${name}` }, read(name));
    pack.entry({ name: 'uct/active/README' }, 'not a record');
    pack.finalize();
    const chunks: Buffer[] = [];
    for await (const chunk of Readable.from(pack)) chunks.push(chunk as Buffer);
    const body = gzipSync(Buffer.concat(chunks));
    const http = {
      get: async () => ({ status: 'ok' as const, url: 'u', body, validators: { sha256: 'x' } }),
    };
    const result = await ubuntuUctFeed.fetch({
      url: 'u',
      previous: {},
      http,
      now: new Date(),
      options: {},
      log: () => undefined,
    });
    expect(result.kind === 'payload' && result.payload.advisories.map((a) => a.id)).toEqual([
      'UBUNTU-CVE-2014-0160',
      'UBUNTU-CVE-2019-6234',
    ]);
  });

  const real = sharedFile('ubuntu-cve-tracker/uct-2020-06.tar.xz');
  it.skipIf(!real)(
    'parses the real 2020 snapshot',
    async () => {
      const all = await ubuntuUctFeed.readLocal([real!]);
      expect(all.problems).toEqual([]);
      expect(all.advisories.length).toBeGreaterThan(32_000);
      const statuses = new Set(all.advisories.flatMap((a) => a.distro_statuses?.map((s) => s.status) ?? []));
      expect([...statuses].sort()).toEqual([
        'end-of-life',
        'fixed',
        'ignored',
        'not-affected',
        'postponed',
        'undetermined',
        'unfixed',
      ]);
    },
    60_000,
  );
});
