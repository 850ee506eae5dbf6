import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithReference } from '../../__fixtures__/differential/check.js';
import {
  debianVersions,
  explainSkip,
  hasAdvisories,
  osvVersions,
} from '../../__fixtures__/differential/corpus.js';
import { sample, samplePairs } from '../../__fixtures__/differential/pairs.js';
import { alpmVercmp } from '../../__fixtures__/differential/references.js';
import { alpmScheme } from './index.js';

if (!hasAdvisories) explainSkip('alpm differential test on AlmaLinux versions', '../shared/advisories');

// Arch has no advisory data here; its versions look like these (pkgver-pkgrel, epochs, git snapshots).
const EDGE = [
  '1.0-1',
  '1.0-2',
  '1.0',
  '1.0a-1',
  '1.0.a-1',
  '1.0.1-1',
  '1..0-1',
  '1.0.0-1',
  '1:0.1-1',
  '2:1.0-1',
  '1.0rc1-1',
  '1.0.r12.g3a4b5c6-1',
  '1.0.r9.g3a4b5c6-1',
  '1.0+r3+gabc-1',
  '20240101-1',
  '1.0_beta-1',
  '1.0-1.1',
  'a-1',
  '1.0a',
  '1.0',
];

describe.skipIf(!hasAdvisories)("alpm scheme against libalpm's alpm_pkg_vercmp", () => {
  let versions: string[] = [];
  beforeAll(async () => {
    const alma = await osvVersions('osv-almalinux/AlmaLinux/all.zip', (e) => e.startsWith('AlmaLinux'));
    versions = [...sample(alma, 2000, 3), ...sample(debianVersions(), 1500, 5)].filter((v) =>
      alpmScheme.isValid(v),
    );
  });

  it('agrees on 3,000 pairs of AlmaLinux and Debian versions', () => {
    expect(versions.length).toBeGreaterThan(2000);
    const pairs = samplePairs(versions, 3000, 13);
    const result = compareWithReference(alpmScheme, pairs, alpmVercmp(pairs));
    expect(result.disagreements.slice(0, 20)).toEqual([]);
    expect(result.compared).toBe(3000);
  });

  it('agrees on pkgrel, separator and letter edge cases', () => {
    const pairs = EDGE.flatMap((a) => EDGE.map((b) => [a, b] as const));
    const result = compareWithReference(alpmScheme, pairs, alpmVercmp(pairs));
    expect(result.disagreements).toEqual([]);
  });
});
