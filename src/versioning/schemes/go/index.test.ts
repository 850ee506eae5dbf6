import { describe, expect, it } from 'vitest';
import { goScheme } from './index.js';

// golang.org/x/mod/semver facts; each row is `a < b`.
const ordered: [string, string][] = [
  ['v0.0.0-20200101000000-abcdef123456', 'v0.0.0-20210101000000-000000000000'], // pseudo-versions by time
  ['v0.0.0-20200101000000-abcdef123456', 'v0.1.0'], // a pseudo-version is a prerelease
  ['v1.2.3', 'v1.2.4-0.20200101000000-abcdef123456'], // ...of the next patch
  ['v1.2.3-pre.2', 'v1.2.3-pre.10'],
  ['v1.2.3-pre.9', 'v1.2.3-pre.a'],
  ['v1.9.0', 'v1.10.0'],
  ['v1.0.0', 'v2.0.0+incompatible'],
  ['1.6.0', 'v1.7.0'], // OSV's Go records carry no `v`
];

describe('go scheme', () => {
  it.each(ordered)('%s < %s', (a, b) => {
    expect(goScheme.compare(a, b)).toBe(-1);
    expect(goScheme.compare(b, a)).toBe(1);
  });

  it.each([
    ['v1', 'v1.0.0'],
    ['v1.2', 'v1.2.0'],
    ['v2.0.0+incompatible', 'v2.0.0'], // build metadata is ignored
    ['1.2.3', 'v1.2.3'],
  ])('%s == %s', (a, b) => {
    expect(goScheme.compare(a, b)).toBe(0);
  });

  it.each(['', 'v', 'v1.2-pre', 'v01.2.3', 'v1.2.3-01', 'v1.2.3.4', 'V1.2.3', 'vv1.2.3', 'latest'])(
    'rejects %j',
    (v) => {
      expect(goScheme.isValid(v)).toBe(false);
      expect(() => goScheme.compare(v, 'v1.0.0')).toThrow(/Go module/);
    },
  );
});
