import { describe, expect, it } from 'vitest';
import { mavenScheme } from './index.js';

// ComparableVersion's documented order: alpha < beta < milestone < rc = cr < snapshot < "" = ga = final
// = release < sp < unknown qualifiers (alphabetical) < numbers.
const chain = [
  '1-alpha-1',
  '1-beta-1',
  '1-milestone-1',
  '1-rc-1',
  '1-SNAPSHOT',
  '1',
  '1-sp-1',
  '1-abc',
  '1-xyz',
  '1-1',
  '1.1',
];

describe('maven scheme', () => {
  it('orders qualifiers and list items', () => {
    for (let i = 1; i < chain.length; i++) expect(mavenScheme.compare(chain[i - 1]!, chain[i]!)).toBe(-1);
  });

  it.each([
    ['1', '1.0.0'], // padding
    ['1-ga', '1'],
    ['1.0.RELEASE', '1'],
    ['2.0.0.Final', '2'],
    ['1-cr1', '1-rc1'],
    ['1a1', '1-alpha-1'],
    ['1.0.0.RC1', '1.0.0-rc-1'], // MNG-7644: ".RC" is treated as "-RC"
    ['1.0-alpha', '1.0-ALPHA'],
  ])('%s == %s', (a, b) => {
    expect(mavenScheme.compare(a, b)).toBe(0);
  });

  it.each([
    ['1.0.0.RC1', '1.0.0-RC2'],
    ['9.0.0.M0', '9.0.0-M11'],
    ['31.1-android', '31.1-jre'],
    ['1.0-SNAPSHOT', '1.0'],
    ['1.9', '1.10'],
    ['1.0.0', '1.0.0-20200101.123456-1'], // a deployed snapshot's timestamp is a number: it sorts after the release
  ])('%s < %s', (a, b) => {
    expect(mavenScheme.compare(a, b)).toBe(-1);
    expect(mavenScheme.compare(b, a)).toBe(1);
  });

  it.each(['', '1.0 beta', '1.0\n', '1.0-bêta'])('rejects %j', (v) => {
    expect(mavenScheme.isValid(v)).toBe(false);
    expect(() => mavenScheme.compare(v, '1')).toThrow(/Maven/);
  });
});
