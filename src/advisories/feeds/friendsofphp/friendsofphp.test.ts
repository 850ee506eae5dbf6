import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtures, sharedFile } from '../__fixtures__/shared.js';
import { friendsOfPhpFeed } from './feed.js';
import { parseFriendsOfPhp } from './parse.js';

const dir = join(fixtures, 'friendsofphp');
const entry = (name: string) => ({ name, data: readFileSync(join(dir, name)) });

describe('FriendsOfPHP advisories', () => {
  const payload = parseFriendsOfPhp(
    [
      entry('guzzlehttp/guzzle/CVE-2022-31090.yaml'),
      entry('example/package/2020-01-01.yaml'),
      entry('example/package/broken.yaml'),
      { name: 'security-advisories-master/.github/workflows/ci.yml', data: Buffer.from('on: push') },
    ],
    'friendsofphp',
  );

  it('maps branches to OSV ranges on Packagist, with CVE and GHSA aliases', () => {
    expect(payload.advisories[0]).toMatchObject({
      id: 'FRIENDSOFPHP-guzzlehttp/guzzle/CVE-2022-31090',
      aliases: ['CVE-2022-31090', 'GHSA-25mq-v84q-4j7r'],
      published: '2022-06-20T22:24:00Z',
      affected: [
        {
          package: {
            ecosystem: 'Packagist',
            name: 'guzzlehttp/guzzle',
            purl: 'pkg:composer/guzzlehttp/guzzle',
          },
          ranges: [
            { type: 'ECOSYSTEM', events: [{ introduced: '6.0.0' }, { fixed: '6.5.8' }] },
            { type: 'ECOSYSTEM', events: [{ introduced: '7.0.0' }, { fixed: '7.4.5' }] },
          ],
        },
      ],
    });
  });

  it('keeps exclusive bounds, last_affected and exact versions', () => {
    const [, shapes] = payload.advisories;
    expect(shapes?.affected[0]?.ranges).toEqual([
      {
        type: 'ECOSYSTEM',
        events: [{ introduced: '1.0.0' }, { last_affected: '1.4.2' }],
        database_specific: { constraints: ['>1.0.0', '<=1.4.2'] },
      },
    ]);
    expect(shapes?.affected[0]?.versions).toEqual(['2.0.0']);
    expect(shapes?.database_specific).toEqual({ composer_repository: false });
    expect(payload.problems).toEqual(['example/package/broken.yaml: no branches']);
  });

  const real = sharedFile('friendsofphp/security-advisories.zip');
  it.skipIf(!real)('parses the real repository (1,592 advisories)', async () => {
    const all = await friendsOfPhpFeed.readLocal([real!]);
    expect(all.problems).toEqual([]);
    expect(all.advisories).toHaveLength(1592);
    expect(all.advisories.every((a) => a.affected[0]?.package.ecosystem === 'Packagist')).toBe(true);
  });
});
