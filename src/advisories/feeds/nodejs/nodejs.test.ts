import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, sharedFile } from '../__fixtures__/shared.js';
import { nodejsFeed } from './feed.js';
import { npmRangeToOsv, parseNodejs } from './parse.js';

const dir = join(fixtures, 'nodejs');
const entry = (name: string) => ({ name: `security-wg-main/${name}`, data: readFileSync(join(dir, name)) });

describe('Node.js security WG advisories', () => {
  const payload = parseNodejs(
    ['vuln/npm/1.json', 'vuln/npm/2.json', 'vuln/core/1.json'].map(entry),
    'nodejs-security-wg',
  );

  it('reads legacy npm advisories with their semver ranges and CVSS', () => {
    expect(payload.advisories[0]).toMatchObject({
      id: 'NSWG-ECO-1',
      modified: '2016-04-28T00:00:00Z',
      published: '2014-09-27T00:00:00Z',
      aliases: ['CVE-2014-7205'],
      affected: [
        {
          package: { ecosystem: 'npm', name: 'bassmaster', purl: 'pkg:npm/bassmaster' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { last_affected: '1.5.1' }] }],
        },
      ],
      severity: [{ type: 'CVSS_V3', score: 'CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N' }],
    });
  });

  it('files Node.js core advisories under the Node.js ecosystem', () => {
    const core = payload.advisories[1];
    expect(core?.id).toBe('NSWG-CORE-1');
    expect(core?.affected[0]?.package).toEqual({ ecosystem: 'Node.js', name: 'node' });
    expect(core?.affected[0]?.ranges?.map((r) => r.events)).toEqual([
      [{ introduced: '8.0.0' }, { fixed: '9.0.0-0' }],
      [{ introduced: '7.0.0' }, { fixed: '8.0.0-0' }],
      [{ introduced: '4.0.0' }, { fixed: '5.0.0-0' }],
      [{ introduced: '6.0.0' }, { fixed: '7.0.0-0' }],
      [{ introduced: '5.0.0' }, { fixed: '6.0.0-0' }],
    ]);
    expect(payload.problems).toEqual([
      expect.stringMatching(/npm\/2.json: vulnerable_versions not a semver range/),
    ]);
  });

  it('reads exact versions and open ranges', () => {
    expect(npmRangeToOsv('1.2.3 || >2.0.0')?.map((r) => r.events)).toEqual([
      [{ introduced: '1.2.3' }, { last_affected: '1.2.3' }],
      [{ introduced: '2.0.0' }],
    ]);
    expect(npmRangeToOsv('*')?.map((r) => r.events)).toEqual([[{ introduced: '0' }]]);
  });

  const real = sharedFile('nodejs-security-wg/vuln.zip');
  it.skipIf(!real)('parses the real set (467 npm, 171 core)', async () => {
    const all = await nodejsFeed.readLocal([real!]);
    expect(all.problems).toEqual([]);
    expect(all.advisories.filter((a) => a.id.startsWith('NSWG-ECO-'))).toHaveLength(467);
    expect(all.advisories.filter((a) => a.id.startsWith('NSWG-CORE-'))).toHaveLength(171);
  });
});
