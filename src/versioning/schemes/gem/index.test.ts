import { describe, expect, it } from 'vitest';
import { gemScheme } from './index.js';

describe('gem scheme', () => {
  it.each([
    ['1.0.0.pre', '1.0.0'], // any letter makes a prerelease
    ['1.0.0.a9', '1.0.0.a10'],
    ['1.0.0.alpha', '1.0.0.beta'],
    ['1.0.0.RC1', '1.0.0.rc1'], // letters compare case-sensitively
    ['1.0.0-1', '1.0.0'], // "-" means ".pre."
    ['1.0.0', '1.0.0.1'],
    ['1.9', '1.10'],
    ['1.0.b1', '1.0.0'],
  ])('%s < %s', (a, b) => {
    expect(gemScheme.compare(a, b)).toBe(-1);
    expect(gemScheme.compare(b, a)).toBe(1);
  });

  it.each([
    ['1', '1.0.0'],
    ['1.0.a', '1.a'], // trailing zeros of the release part are dropped
    ['1.0.a.0', '1.a'], // ...and of the prerelease part
    ['1.0.0-pre', '1.0.0.pre.pre'],
    [' 1.0 ', '1.0'],
    ['01.2', '1.2'],
  ])('%j == %j', (a, b) => {
    expect(gemScheme.compare(a, b)).toBe(0);
  });

  it.each(['', 'a', '-1', '1..0', '1.0.', '1.0 beta', 'v1.0'])('rejects %j', (v) => {
    expect(gemScheme.isValid(v)).toBe(false);
    expect(() => gemScheme.compare(v, '1')).toThrow(/RubyGems/);
  });
});
