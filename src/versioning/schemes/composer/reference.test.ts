import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithReference } from '../../__fixtures__/differential/check.js';
import {
  explainSkip,
  hasAdvisories,
  operatorVersions,
  osvVersions,
} from '../../__fixtures__/differential/corpus.js';
import { samplePairs } from '../../__fixtures__/differential/pairs.js';
import { composerCompare } from '../../__fixtures__/differential/references.js';
import { composerScheme } from './index.js';

if (!hasAdvisories)
  explainSkip('composer differential test on FriendsOfPHP versions', '../shared/advisories');

const EDGE = [
  '1.0.0',
  'v1.0.0',
  '1.0',
  '1',
  '1.0.0.0',
  '1.0.0-dev',
  '1.0.0-alpha',
  '1.0.0-alpha1',
  '1.0.0-a2',
  '1.0.0-beta',
  '1.0.0-b1',
  '1.0.0-beta.2',
  '1.0.0-RC1',
  '1.0.0-rc.1',
  '1.0.0-stable',
  '1.0.0-patch1',
  '1.0.0-pl2',
  '1.0.0-p3',
  '1.0.0+build',
  '1.0.0.1',
  '1.0.0-alpha1-dev',
  '1.x-dev',
  '2.0.x-dev',
  'dev-main',
  'master',
  '20200101',
  '2020.01.01',
  '2020-01-01-1',
  '1.0.0@beta',
  '1.0 as 2.0',
  'foo',
  '1.0.0-gamma',
  '100000.0',
  '1.0.0-STABLE',
  '1.0.0-alpha.1.2',
  '99999999999999999999.0',
  '1.0-beta-dev',
];

describe.skipIf(!hasAdvisories)(
  "composer scheme against Composer's VersionParser and Comparator (php)",
  () => {
    let versions: string[] = [];
    beforeAll(async () => {
      const friends = await operatorVersions('friendsofphp/security-advisories.zip', (name) =>
        name.endsWith('.yaml'),
      );
      const samples = await osvVersions(
        'format-samples/osv-records-from-test-fixtures/all.zip',
        (e) => e === 'Packagist',
      );
      versions = [...new Set([...friends, ...samples])];
    });

    it('agrees on 3,000 pairs of FriendsOfPHP versions, including which ones are invalid', () => {
      expect(versions.length).toBeGreaterThan(1000);
      const pairs = samplePairs(versions, 3000, 37);
      const result = compareWithReference(composerScheme, pairs, composerCompare(pairs));
      expect(result.disagreements.slice(0, 20)).toEqual([]);
      expect(result.compared).toBeGreaterThan(2900);
    });

    it('agrees on stabilities, branches, aliases and dates', () => {
      const pairs = EDGE.flatMap((a) => EDGE.map((b) => [a, b] as const));
      const result = compareWithReference(composerScheme, pairs, composerCompare(pairs));
      expect(result.disagreements).toEqual([]);
    });
  },
);
