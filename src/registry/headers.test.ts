import { describe, expect, it } from 'vitest';
import { mediaTypeOf, parseNextLink, parseRetryAfter, parseWwwAuthenticate } from './headers.js';

describe('parseWwwAuthenticate', () => {
  it.each([
    [
      'Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:samalba/my-app:pull,push"',
      [
        {
          scheme: 'bearer',
          params: {
            realm: 'https://auth.example.com/token',
            service: 'registry.example.com',
            scope: 'repository:samalba/my-app:pull,push',
          },
        },
      ],
    ],
    ['Basic realm="crowsnest-test"', [{ scheme: 'basic', params: { realm: 'crowsnest-test' } }]],
    ['basic', [{ scheme: 'basic', params: {} }]],
    // unquoted values, odd spacing and case
    [
      'BEARER  Realm = http://127.0.0.1:1/token , Service=reg',
      [{ scheme: 'bearer', params: { realm: 'http://127.0.0.1:1/token', service: 'reg' } }],
    ],
    // the error parameter of an insufficient_scope answer
    [
      'Bearer realm="r",service="s",scope="repository:a/b:pull",error="insufficient_scope"',
      [
        {
          scheme: 'bearer',
          params: { realm: 'r', service: 's', scope: 'repository:a/b:pull', error: 'insufficient_scope' },
        },
      ],
    ],
    // escapes inside quoted strings
    ['Basic realm="say \\"hi\\", ok"', [{ scheme: 'basic', params: { realm: 'say "hi", ok' } }]],
    // two challenges in one header
    [
      'Basic realm="a", Bearer realm="https://t/token",service="s"',
      [
        { scheme: 'basic', params: { realm: 'a' } },
        { scheme: 'bearer', params: { realm: 'https://t/token', service: 's' } },
      ],
    ],
    [
      'Negotiate, Basic realm="x"',
      [
        { scheme: 'negotiate', params: {} },
        { scheme: 'basic', params: { realm: 'x' } },
      ],
    ],
    ['', []],
  ])('%s', (header, expected) => {
    expect(parseWwwAuthenticate(header)).toEqual(expected);
  });

  it.each(['"', '=', 'Bearer realm="unterminated', 'Bearer ===', ',,,', 'Bearer realm=', '\u0000\u00ff'])(
    'never throws on garbage %j',
    (header) => {
      expect(() => parseWwwAuthenticate(header)).not.toThrow();
    },
  );

  it('keeps the realm of an unterminated quote', () => {
    expect(parseWwwAuthenticate('Bearer realm="abc')[0]?.params.realm).toBe('abc');
  });
});

describe('parseNextLink', () => {
  const base = 'http://127.0.0.1:5000/v2/_catalog?n=2';
  it.each([
    ['</v2/_catalog?last=b&n=2>; rel="next"', 'http://127.0.0.1:5000/v2/_catalog?last=b&n=2'],
    [
      '<https://other.example/v2/x/tags/list?last=c>; rel=next',
      'https://other.example/v2/x/tags/list?last=c',
    ],
    ['</prev>; rel="prev", </v2/next>; rel="next"', 'http://127.0.0.1:5000/v2/next'],
    ['</v2/a>; rel="prev"', undefined],
    ['garbage', undefined],
    [null, undefined],
  ])('%s', (header, expected) => {
    expect(parseNextLink(header, base)).toBe(expected);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 07:28:00 GMT')),
    ).toBe(5000);
    expect(
      parseRetryAfter('Wed, 21 Oct 2015 07:28:05 GMT', Date.parse('Wed, 21 Oct 2015 08:00:00 GMT')),
    ).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('mediaTypeOf', () => {
  it('drops parameters and case', () => {
    expect(mediaTypeOf('Application/JSON; charset=utf-8')).toBe('application/json');
    expect(mediaTypeOf('')).toBeUndefined();
    expect(mediaTypeOf(null)).toBeUndefined();
  });
});
