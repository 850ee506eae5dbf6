import { describe, expect, it } from 'vitest';
import { pep440Scheme } from './index.js';

// PEP 440's ordering: dev < pre (a < b < rc) < final < post; local versions sort after their public one.
const chain = [
  '1.0.dev0',
  '1.0a1.dev1',
  '1.0a1',
  '1.0a2',
  '1.0b1',
  '1.0rc1',
  '1.0',
  '1.0+abc',
  '1.0.post1.dev1',
  '1.0.post1',
  '1.1',
  '1!0.1',
];

describe('pep440 scheme', () => {
  it('orders the PEP 440 release cycle', () => {
    for (let i = 1; i < chain.length; i++) expect(pep440Scheme.compare(chain[i - 1]!, chain[i]!)).toBe(-1);
  });

  it.each([
    ['1.0', '1.0.0'],
    ['v1.0', '1.0'],
    ['1.0alpha1', '1.0a1'],
    ['1.0-1', '1.0.post1'],
    ['1.0c1', '1.0rc1'],
    ['1.0RC1', '1.0rc1'],
    [' 1.0 ', '1.0'],
    ['1.0.0-beta.1', '1.0b1'],
  ])('%j == %j', (a, b) => {
    expect(pep440Scheme.compare(a, b)).toBe(0);
  });

  it.each(['', 'foo', '1.0.0-beta.x', '1.0+', 'dev'])('rejects %j', (v) => {
    expect(pep440Scheme.isValid(v)).toBe(false);
    expect(() => pep440Scheme.compare(v, '1.0')).toThrow(/PEP 440/);
  });
});
