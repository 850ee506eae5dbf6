import { describe, expect, it } from 'vitest';
import { AddressDictionary, canonicalIpv4 } from './dictionary.js';

describe('address dictionary', () => {
  it('reads canonical dotted quads only', () => {
    expect(canonicalIpv4('192.0.2.1')).toBe(0xc0000201);
    expect(canonicalIpv4('255.255.255.255')).toBe(0xffffffff);
    expect(canonicalIpv4('0.0.0.0')).toBe(0);
    for (const text of [
      '192.0.2.01',
      '192.0.2',
      '192.0.2.1.5',
      '256.0.0.1',
      '1..2.3',
      '::1',
      '192.0.2.1 ',
      '',
      'a.b.c.d',
    ])
      expect(canonicalIpv4(text)).toBe(-1);
  });

  it('gives each address one code, numbers and other texts in one code space, texts sent once', () => {
    const dictionary = new AddressDictionary();
    const texts = [
      ...Array.from({ length: 20_000 }, (_, i) => `10.${i >> 8}.${i & 255}.7`),
      '2001:db8::1',
      '010.0.0.1',
    ];
    const codes = texts.map((text) => dictionary.code(text));
    expect(codes).toEqual(texts.map((_, i) => i));
    expect(texts.map((text) => dictionary.code(text))).toEqual(codes);
    expect(dictionary.fresh).toEqual(texts);
    expect(dictionary.size).toBe(texts.length);
  });
});
