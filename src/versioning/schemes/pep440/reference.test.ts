import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithReference } from '../../__fixtures__/differential/check.js';
import { explainSkip, hasAdvisories, osvVersions } from '../../__fixtures__/differential/corpus.js';
import { samplePairs } from '../../__fixtures__/differential/pairs.js';
import { packagingVersion } from '../../__fixtures__/differential/references.js';
import { pep440Scheme } from './index.js';

if (!hasAdvisories) explainSkip('pep440 differential test on PyPI versions', '../shared/advisories');

// PEP 440's spelling variants and orderings, and strings packaging rejects.
const EDGE = [
  '1.0',
  '1.0.0',
  'v1.0',
  '1.0a1',
  '1.0alpha1',
  '1.0-a1',
  '1.0.a.1',
  '1.0b2',
  '1.0rc1',
  '1.0c1',
  '1.0pre1',
  '1.0.dev0',
  '1.0a1.dev1',
  '1.0.post1',
  '1.0-1',
  '1.0.rev1',
  '1.0+local.1',
  '1.0+local.2',
  '1.0+1',
  '1!0.5',
  '0!2.0',
  '1.0.post1.dev1',
  '2.0.0.0.1',
  '1.0a',
  'foo',
  '1.0.0-beta.1',
  '1.0_1',
  ' 1.0',
  '1.0+',
  '01.02',
  '1.0A1',
  '1.0RC1',
];

describe.skipIf(!hasAdvisories)('pep440 scheme against packaging.version (python3-packaging)', () => {
  let versions: string[] = [];
  beforeAll(async () => {
    versions = await osvVersions('osv-pypi/PyPI/all.zip', (e) => e === 'PyPI');
  });

  it('accepts and rejects the same PyPI version strings as packaging', () => {
    const pairs = versions.map((v) => [v, '1.0'] as const);
    const result = compareWithReference(pep440Scheme, pairs, packagingVersion(pairs));
    expect(result.disagreements.slice(0, 20)).toEqual([]);
    expect(result.compared).toBeGreaterThan(5000);
  });

  it('agrees on 4,000 pairs of valid PyPI versions', () => {
    const valid = versions.filter((v) => pep440Scheme.isValid(v));
    const pairs = samplePairs(valid, 4000, 17);
    const result = compareWithReference(pep440Scheme, pairs, packagingVersion(pairs));
    expect(result.disagreements.slice(0, 20)).toEqual([]);
    expect(result.compared).toBe(4000);
  });

  it('agrees on spelling variants, local versions and epochs', () => {
    const pairs = EDGE.flatMap((a) => EDGE.map((b) => [a, b] as const));
    const result = compareWithReference(pep440Scheme, pairs, packagingVersion(pairs));
    expect(result.disagreements).toEqual([]);
  });
});
