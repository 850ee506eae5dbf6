import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithReference } from '../../__fixtures__/differential/check.js';
import { explainSkip, hasAdvisories, operatorVersions } from '../../__fixtures__/differential/corpus.js';
import { samplePairs } from '../../__fixtures__/differential/pairs.js';
import { gemVersion } from '../../__fixtures__/differential/references.js';
import { gemScheme } from './index.js';

if (!hasAdvisories) explainSkip('gem differential test on RubySec versions', '../shared/advisories');

const EDGE = [
  '1',
  '1.0',
  '1.0.0',
  '1.0.a',
  '1.0.a.0',
  '1.a',
  '1.0.0.pre',
  '1.0.0.pre.1',
  '1.0.0-pre',
  '1.0.0-pre.1',
  '1.0.0.rc1',
  '1.0.0.RC1',
  '1.0.0.beta',
  '1.0.0.alpha',
  '1.0.0.a10',
  '1.0.0.a9',
  '1.0.1',
  '1.0.0.1',
  '2.0.0.pre.a',
  '1.0b1',
  '1.0.0b',
  '01.2',
  '1.2.3-1',
  '1.2.3.pre-1',
  '1..0',
  '1.0.',
  '-1',
  'a',
  '1.0 ',
  '12345678901234567890.1',
  '1.0.0.0.0.0.1',
];

describe.skipIf(!hasAdvisories)('gem scheme against Gem::Version (ruby)', () => {
  let versions: string[] = [];
  beforeAll(async () => {
    versions = await operatorVersions('rubysec/ruby-advisory-db.zip', (name) => name.startsWith('gems/'));
  });

  it('agrees on 3,000 pairs of RubySec versions, including which ones are invalid', () => {
    expect(versions.length).toBeGreaterThan(1000);
    const pairs = samplePairs(versions, 3000, 31);
    const result = compareWithReference(gemScheme, pairs, gemVersion(pairs));
    expect(result.disagreements.slice(0, 20)).toEqual([]);
    expect(result.compared).toBeGreaterThan(2500);
  });

  it('agrees on prereleases, padding and malformed versions', () => {
    const pairs = EDGE.flatMap((a) => EDGE.map((b) => [a, b] as const));
    const result = compareWithReference(gemScheme, pairs, gemVersion(pairs));
    expect(result.disagreements).toEqual([]);
  });
});
