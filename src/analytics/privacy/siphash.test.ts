import { describe, expect, it } from 'vitest';
import { sipHash, sipHashBytes, sipKey } from './siphash.js';

const key = sipKey(Uint8Array.from({ length: 16 }, (_, i) => i));
const hex = ([hi, lo]: [number, number]) =>
  (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
const message = (n: number) => Uint8Array.from({ length: n }, (_, i) => i);

describe('SipHash-2-4', () => {
  it('matches the paper’s test vector (15-byte message)', () => {
    expect(hex(sipHashBytes(key, message(15)))).toBe('a129ca6149be45e5');
  });

  // First entries of the reference implementation's vectors.h (little-endian bytes, shown here as uint64).
  it.each([
    [0, '726fdb47dd0e0e31'],
    [1, '74f839c593dc67fd'],
    [7, 'ab0200f58b01d137'],
    [8, '93f5f5799a932462'],
    [63, '958a324ceb064572'],
  ])('message of %i bytes', (n, expected) => {
    expect(hex(sipHashBytes(key, message(n)))).toBe(expected);
  });

  it('hashes strings as UTF-8 (ASCII fast path and the encoder agree)', () => {
    expect(sipHash(key, 'ip:203.0.113.7')).toEqual(
      sipHashBytes(key, new TextEncoder().encode('ip:203.0.113.7')),
    );
    expect(sipHash(key, 'user:zoë')).toEqual(sipHashBytes(key, new TextEncoder().encode('user:zoë')));
  });

  it('depends on the key', () => {
    const other = sipKey(Uint8Array.from({ length: 16 }, (_, i) => 16 - i));
    expect(sipHash(other, 'ip:203.0.113.7')).not.toEqual(sipHash(key, 'ip:203.0.113.7'));
  });
});
