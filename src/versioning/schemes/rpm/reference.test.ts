import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithReference } from '../../__fixtures__/differential/check.js';
import {
  debianVersions,
  explainSkip,
  hasAdvisories,
  osvVersions,
} from '../../__fixtures__/differential/corpus.js';
import { sample, samplePairs } from '../../__fixtures__/differential/pairs.js';
import { rpmLabelCompare } from '../../__fixtures__/differential/references.js';
import { rpmScheme } from './index.js';

if (!hasAdvisories) explainSkip('rpm differential test on AlmaLinux versions', '../shared/advisories');

// Versions that exercise rpm's tilde and caret, which RHEL-family data rarely has.
const EDGE = [
  '1.0~rc1',
  '1.0~rc1^git1',
  '1.0',
  '1.0^',
  '1.0^git1',
  '1.0^git1~1',
  '1.0.1',
  '1.0a',
  '1.0-1',
  '1.0-1~',
  '1.0-1^1',
  '1:0.9',
  '1.0+1',
  '1.0_1',
  '1..0',
  'a',
  '1.0-1.el8_4.1',
  '1.0-1.el8',
];

describe.skipIf(!hasAdvisories)('rpm scheme against rpm.labelCompare (python3-rpm)', () => {
  let versions: string[] = [];
  beforeAll(async () => {
    const alma = await osvVersions('osv-almalinux/AlmaLinux/all.zip', (e) => e.startsWith('AlmaLinux'));
    // Debian versions add `~`, `+` and epochs that rpm also has to order.
    versions = [...alma, ...sample(debianVersions(), 1500, 7)].filter((v) => rpmScheme.isValid(v));
  });

  it('agrees on 3,000 pairs of AlmaLinux and Debian versions', () => {
    expect(versions.length).toBeGreaterThan(2000);
    const pairs = samplePairs(versions, 3000, 11);
    const result = compareWithReference(rpmScheme, pairs, rpmLabelCompare(pairs));
    expect(result.disagreements.slice(0, 20)).toEqual([]);
    expect(result.compared).toBe(3000);
  });

  it('agrees on tilde, caret and separator edge cases', () => {
    const pairs = EDGE.flatMap((a) => EDGE.map((b) => [a, b] as const));
    const result = compareWithReference(rpmScheme, pairs, rpmLabelCompare(pairs));
    expect(result.disagreements).toEqual([]);
  });
});
