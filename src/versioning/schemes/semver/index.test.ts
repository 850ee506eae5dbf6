import { describe, expect, it } from 'vitest';
import { semverScheme } from './index.js';

describe('semver scheme', () => {
  it.each([
    ['1.0.0-alpha', '1.0.0'],
    ['1.0.0-alpha.1', '1.0.0-alpha.beta'], // numeric identifiers sort before alphanumeric ones
    ['1.0.0-beta.2', '1.0.0-beta.11'],
    ['1.9.0', '1.10.0'],
    ['0.0.1', '0.0.2'],
  ])('%s < %s', (a, b) => {
    expect(semverScheme.compare(a, b)).toBe(-1);
    expect(semverScheme.compare(b, a)).toBe(1);
  });

  it.each([
    ['1.0.0+build.1', '1.0.0+build.2'], // build metadata does not count
    ['v1.2.3', '1.2.3'], // the `v` node-semver always tolerates
  ])('%s == %s', (a, b) => {
    expect(semverScheme.compare(a, b)).toBe(0);
  });

  // Loose forms stay invalid: they are another scheme's versions more often than sloppy semver.
  it.each(['', '1.2', '1', '01.2.3', '1.2.3-01', '1.2.3beta', '=1.2.3', '1.2.3.4', 'latest'])(
    'rejects %j',
    (v) => {
      expect(semverScheme.isValid(v)).toBe(false);
      expect(() => semverScheme.compare(v, '1.0.0')).toThrow(/SemVer/);
    },
  );
});
