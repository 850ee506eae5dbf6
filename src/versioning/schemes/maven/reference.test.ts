import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithReference } from '../../__fixtures__/differential/check.js';
import { explainSkip, hasAdvisories, osvVersions } from '../../__fixtures__/differential/corpus.js';
import { samplePairs } from '../../__fixtures__/differential/pairs.js';
import { mavenComparableVersion, mavenJar } from '../../__fixtures__/differential/references.js';
import { mavenScheme } from './index.js';

const ready = hasAdvisories && mavenJar() !== undefined;
if (!hasAdvisories) explainSkip('maven differential test on GHSA Maven versions', '../shared/advisories');
if (!mavenJar()) explainSkip('maven differential test', "Debian's maven-artifact jar (package maven)");

// Qualifier aliases, padding, list items and the combinations MNG issues were filed about.
const EDGE = [
  '1',
  '1.0',
  '1.0.0',
  '1-0',
  '1.0-0',
  '1-ga',
  '1-final',
  '1-release',
  '1.0.RELEASE',
  '1-sp',
  '1-sp1',
  '1-cr1',
  '1-rc1',
  '1-RC1',
  '1-alpha',
  '1-a1',
  '1-alpha-1',
  '1-b1',
  '1-beta',
  '1-m1',
  '1-milestone-1',
  '1-SNAPSHOT',
  '1.0-SNAPSHOT',
  '1-foo',
  '1-foo1',
  '1-1',
  '1.1',
  '1.0.1',
  '1-0.1',
  '1.0.0.0.0',
  '1..1',
  '1-.1',
  '1.0-alpha-1',
  '2.0.0.Final',
  '5.3.0.Beta1',
  '1.0.0-jre',
  '31.1-jre',
  '31.1-android',
  '1.0a1',
  '1.0-alpha.1',
  '1.0.0.v20200101',
  '2.0.0-M1',
  '1.0-1-1',
  '1.0.0-20200101.123456-1',
  'abc',
  '1-xyz-1',
  '1.0-1.0',
  '12345678901234567890',
  '1.12345678901',
  '1+1',
  '1.0+1',
  '1-a.b',
  '1.a',
  '1.a.1',
  '1-1.a',
  'a1',
  '1.0.0.RC1',
  '1.0.0-RC2',
  '1.0.0.RC',
  '1.0.0-RC',
  '1_0',
  '1.0.0.0.1',
  'v1.0',
];

describe.skipIf(!ready)("maven scheme against Maven's ComparableVersion (maven-artifact jar)", () => {
  let versions: string[] = [];
  beforeAll(async () => {
    versions = (
      await osvVersions('format-samples/osv-records-from-test-fixtures/all.zip', (e) => e.startsWith('Maven'))
    ).filter((v) => mavenScheme.isValid(v));
  });

  it('agrees on 4,000 pairs of versions from GHSA Maven records, and on edge cases', () => {
    expect(versions.length).toBeGreaterThan(1000);
    const edge = EDGE.flatMap((a) => EDGE.map((b) => [a, b] as const));
    const pairs = [...samplePairs(versions, 4000, 29), ...edge];
    const result = compareWithReference(mavenScheme, pairs, mavenComparableVersion(pairs));
    expect(result.disagreements.slice(0, 20)).toEqual([]);
    expect(result.compared).toBe(pairs.length);
  });
});
