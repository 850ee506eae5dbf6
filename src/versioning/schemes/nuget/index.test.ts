import { describe, expect, it } from 'vitest';
import { nugetScheme } from './index.js';

/**
 * No NuGet implementation is installable here (no .NET in Debian's archive for this machine), so this table
 * is the reference: NuGet.Versioning's documented rules (SemVer 2.0 precedence, a fourth "revision" number,
 * case-insensitive labels, metadata ignored) and the behaviour of `NuGetVersion.Parse` and
 * `VersionComparer.Default` on these inputs.
 */
describe('nuget scheme', () => {
  it.each([
    ['1.0.0-alpha', '1.0.0'],
    ['1.0.0-alpha', '1.0.0-alpha.1'],
    ['1.0.0-alpha.1', '1.0.0-alpha.beta'], // numeric labels before alphanumeric ones
    ['1.0.0-beta.2', '1.0.0-beta.11'],
    ['1.0.0-beta.11', '1.0.0-rc.1'],
    ['1.0.0', '1.0.0.1'], // the fourth number
    ['1.0.0.9', '1.0.0.10'],
    ['1.9.0', '1.10.0'],
    ['1.0.0-a', '1.0.0-B'], // ordinal, ignoring case
  ])('%s < %s', (a, b) => {
    expect(nugetScheme.compare(a, b)).toBe(-1);
    expect(nugetScheme.compare(b, a)).toBe(1);
  });

  it.each([
    ['1.0', '1.0.0'],
    ['1', '1.0.0.0'],
    ['1.0.0+build.1', '1.0.0+build.2'],
    ['1.0.0-RC.1', '1.0.0-rc.1'],
    ['01.002.0', '1.2.0'],
    ['1.0.0-beta.01', '1.0.0-beta.1'], // NuGetVersion allows leading zeros and compares them as numbers
  ])('%s == %s', (a, b) => {
    expect(nugetScheme.compare(a, b)).toBe(0);
  });

  it.each([
    '',
    'v1.0',
    '1.0.0.0.0',
    '1.0.0-',
    '1.0.0-beta..1',
    '1.0.0+',
    '1.0.0-b_1',
    '2147483648.0',
    'a.b',
    '1..0',
  ])('rejects %j', (v) => {
    expect(nugetScheme.isValid(v)).toBe(false);
    expect(() => nugetScheme.compare(v, '1.0')).toThrow(/NuGet/);
  });
});
