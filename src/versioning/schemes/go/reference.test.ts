import { beforeAll, describe, expect, it } from 'vitest';
import { compareWithReference } from '../../__fixtures__/differential/check.js';
import { explainSkip, hasAdvisories, osvVersions } from '../../__fixtures__/differential/corpus.js';
import { samplePairs } from '../../__fixtures__/differential/pairs.js';
import { goSemverCompare } from '../../__fixtures__/differential/references.js';
import { goScheme } from './index.js';

if (!hasAdvisories) explainSkip('go differential test on Go module versions', '../shared/advisories');

const EDGE = [
  'v1',
  'v1.2',
  'v1.2.0',
  'v1.2.3',
  'v1.2.3-pre',
  'v1.2.3-pre.1',
  'v1.2.3-pre.10',
  'v1.2.3-pre.a',
  'v1.2.3+build',
  'v2.0.0+incompatible',
  'v0.0.0-20200101000000-abcdef123456',
  'v0.0.0-20210101000000-abcdef123456',
  'v1.2.4-0.20200101000000-abcdef123456',
  'v1.2-pre',
  'v01.2.3',
  'v1.2.3-01',
  'v1.2.3-',
  'v1.2.3+',
  'v1.2.3.4',
  'V1.2.3',
  'v1.2.3-a..b',
];

/** The Go tool only knows `v`-prefixed versions; OSV's Go records drop the `v`, so we add it. */
const withV = (v: string): string => (v.startsWith('v') ? v : `v${v}`);

describe.skipIf(!hasAdvisories)('go scheme against golang.org/x/mod/semver', () => {
  let versions: string[] = [];
  beforeAll(async () => {
    versions = (await osvVersions('osv-go/Go/all.zip', (e) => e === 'Go')).map(withV);
  });

  it('agrees on 3,000 pairs of Go module versions, pseudo-versions included', () => {
    expect(versions.length).toBeGreaterThan(1500);
    expect(versions.some((v) => /-\d{14}-[0-9a-f]{12}$/.test(v))).toBe(true);
    const pairs = samplePairs(versions, 3000, 19);
    const result = compareWithReference(goScheme, pairs, goSemverCompare(pairs));
    expect(result.disagreements.slice(0, 20)).toEqual([]);
    expect(result.compared).toBeGreaterThan(2900);
  });

  it('agrees on shorthands, prereleases, build metadata and invalid forms', () => {
    const pairs = EDGE.flatMap((a) => EDGE.map((b) => [a, b] as const));
    const result = compareWithReference(goScheme, pairs, goSemverCompare(pairs));
    expect(result.disagreements).toEqual([]);
  });
});
