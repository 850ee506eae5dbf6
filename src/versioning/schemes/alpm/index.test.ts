import { describe, expect, it } from 'vitest';
import { alpmScheme } from './index.js';

// Facts from pacman's vercmp(8) and libalpm's version.c; each row is `a < b`.
const ordered: [string, string][] = [
  ['1.0a', '1.0'], // unlike rpm, a trailing letter run is a pre-release
  ['1.0alpha', '1.0'],
  ['1.0', '1.0.a'], // ...but a separated one is not
  ['1.0', '1.0.1'],
  ['1.0.1', '1..0'], // a longer separator wins
  ['1.0-1', '1.0-2'],
  ['1.0-2', '1.1-1'],
  ['1.0rc1-1', '1.0-1'],
  ['1.0.r9.g1234567-1', '1.0.r12.g1234567-1'],
  ['2:1.0-1', '3:0.1-1'],
  ['9.0-1', '1:0.1-1'],
  ['20240101-1', '20240102-1'],
];

const equal: [string, string][] = [
  ['1.0', '1.0-1'], // pkgrel counts only when both sides have one
  ['1.0', '1.0-9'],
  ['0:1.0-1', '1.0-1'],
  ['1.01-1', '1.1-1'],
];

describe('alpm scheme', () => {
  it.each(ordered)('%s < %s', (a, b) => {
    expect(alpmScheme.compare(a, b)).toBe(-1);
    expect(alpmScheme.compare(b, a)).toBe(1);
  });

  it.each(equal)('%s == %s', (a, b) => {
    expect(alpmScheme.compare(a, b)).toBe(0);
  });

  it.each(['', '1.0-', ' 1.0', '-1'])('rejects %j', (v) => {
    expect(alpmScheme.isValid(v)).toBe(false);
    expect(() => alpmScheme.compare(v, '1.0')).toThrow(/Arch Linux/);
  });
});
