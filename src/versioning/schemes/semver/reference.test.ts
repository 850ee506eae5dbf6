import { beforeAll, describe, expect, it } from 'vitest';
import {
  explainSkip,
  hasAdvisories,
  operatorVersions,
  osvVersions,
} from '../../__fixtures__/differential/corpus.js';
import type { Pair } from '../../__fixtures__/differential/pairs.js';
import { samplePairs } from '../../__fixtures__/differential/pairs.js';
import { type Answer, goSemverCompare } from '../../__fixtures__/differential/references.js';
import { semverScheme } from './index.js';

if (!hasAdvisories)
  explainSkip('semver differential test on crates.io and npm versions', '../shared/advisories');

/**
 * node-semver is our implementation, so testing it against itself would prove nothing. The reference is an
 * independent SemVer 2.0.0 implementation: Go's golang.org/x/mod/semver, given the same versions with a `v`.
 * Go also accepts `v1` and `v1.2` shorthands, which SemVer does not; those never occur in these lists.
 */
function goAnswers(pairs: readonly Pair[]): Answer[] {
  return goSemverCompare(pairs.map(([a, b]) => [`v${a}`, `v${b}`] as const));
}

function disagreements(pairs: readonly Pair[]): string[] {
  const reference = goAnswers(pairs);
  return pairs.flatMap(([a, b], i) => {
    const ours = semverScheme.compare(a, b);
    return ours === reference[i] ? [] : [`${a} vs ${b}: ours ${ours}, Go ${reference[i]}`];
  });
}

describe.skipIf(!hasAdvisories)('semver scheme against golang.org/x/mod/semver', () => {
  let versions: string[] = [];
  beforeAll(async () => {
    const crates = await osvVersions('osv-crates-io/crates.io/all.zip', () => true);
    const npm = await operatorVersions('nodejs-security-wg/vuln.zip', (name) => name.endsWith('.json'));
    const samples = await osvVersions('format-samples/osv-records-from-test-fixtures/all.zip', (e) =>
      ['npm', 'crates.io', 'SwiftURL'].includes(e),
    );
    versions = [...new Set([...crates, ...npm, ...samples])].filter(
      (v) => semverScheme.isValid(v) && !v.startsWith('v'),
    );
  });

  it('agrees on 3,000 pairs of crates.io and npm versions', () => {
    expect(versions.length).toBeGreaterThan(800);
    expect(versions.filter((v) => v.includes('-')).length).toBeGreaterThan(50);
    const pairs = samplePairs(versions, 3000, 23);
    expect(disagreements(pairs).slice(0, 20)).toEqual([]);
  });

  it("agrees on the SemVer 2.0.0 specification's precedence examples", () => {
    // Section 11 of the specification, in ascending order.
    const chain = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '2.0.0',
      '2.1.0',
      '2.1.1',
    ];
    const pairs = chain.flatMap((a) => chain.map((b) => [a, b] as const));
    expect(disagreements(pairs)).toEqual([]);
    for (let i = 1; i < chain.length; i++) expect(semverScheme.compare(chain[i - 1]!, chain[i]!)).toBe(-1);
  });
});
