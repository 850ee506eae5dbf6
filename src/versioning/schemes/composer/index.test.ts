import { describe, expect, it } from 'vitest';
import { composerScheme } from './index.js';
import { normalizeComposer } from './normalize.js';

describe('composer scheme', () => {
  it.each([
    ['1.0', '1.0.0.0'],
    ['v1.2.3', '1.2.3.0'],
    ['1.0.0-b2', '1.0.0.0-beta2'],
    ['1.0.0-rc.1', '1.0.0.0-RC1'],
    ['1.0.0-pl2', '1.0.0.0-patch2'],
    ['1.0.0-alpha1-dev', '1.0.0.0-alpha1-dev'],
    ['1.0.0+build.5', '1.0.0.0'],
    ['2.x-dev', '2.9999999.9999999.9999999-dev'],
    ['2020-01-01', '2020.01.01'],
    ['dev-main', 'dev-main'],
    ['master', 'dev-master'],
    ['1.0@beta', '1.0.0.0'],
    ['foo', undefined],
  ])('normalises %j to %j', (input, expected) => {
    expect(normalizeComposer(input)).toBe(expected);
  });

  it('orders stabilities dev < alpha < beta < RC < stable < patch', () => {
    const chain = ['1.0.0-dev', '1.0.0-alpha1', '1.0.0-beta1', '1.0.0-RC1', '1.0.0', '1.0.0-patch1', '1.0.1'];
    for (let i = 1; i < chain.length; i++) expect(composerScheme.compare(chain[i - 1]!, chain[i]!)).toBe(-1);
  });

  it.each([
    ['1.0', 'v1.0.0.0'],
    ['1.0.0-beta.2', '1.0.0-b2'],
  ])('%s == %s', (a, b) => {
    expect(composerScheme.compare(a, b)).toBe(0);
  });

  it.each(['', 'foo', 'dev-main', 'master', '1.0.0-gamma'])('rejects %j', (v) => {
    expect(composerScheme.isValid(v)).toBe(false);
    expect(() => composerScheme.compare(v, '1.0')).toThrow(/Composer/);
  });
});
