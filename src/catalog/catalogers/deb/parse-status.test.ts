import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseParagraphs } from './parse-control.js';
import { isInstalled, parseDebStatus, sourceOf } from './parse-status.js';

const fixture = readFileSync(new URL('./__fixtures__/status', import.meta.url), 'utf8');

describe('parseParagraphs', () => {
  it('joins continuation lines, lower-cases field names and skips comments and junk lines', () => {
    const [first, second] = parseParagraphs(
      '# comment\nPackage: a\nDescription: short\n long line\n .\n\nPACKAGE:b\njunk without colon\n:novalue\n',
    );
    expect(first).toEqual(
      new Map([
        ['package', 'a'],
        ['description', 'short\nlong line\n.'],
      ]),
    );
    expect(second).toEqual(new Map([['package', 'b']]));
  });

  it('treats whitespace-only lines and CRLF as paragraph breaks', () => {
    expect(parseParagraphs('A: 1\r\n \t\r\nB: 2\r\n')).toHaveLength(2);
  });
});

describe('parseDebStatus', () => {
  it('reads every package paragraph of a status file, installed or not', () => {
    const { entries, problems } = parseDebStatus(fixture);
    expect(problems).toEqual([]);
    expect(entries.map((e) => `${e.name}:${e.architecture}=${e.version}`)).toEqual([
      'base-files:amd64=12.4+deb12u5',
      'libbz2-1.0:amd64=1.0.8-5+b1',
      'libssl3:amd64=3.0.11-1~deb12u2',
      'libssl3:i386=3.0.11-1~deb12u2',
      'libc-bin:amd64=2.36-9+deb12u3',
      'vim-tiny:amd64=2:9.0.1378-2',
      'netbase:all=6.4',
      'tzdata:all=2024a-0+deb12u1',
    ]);
    expect(entries[0]).toMatchObject({
      maintainer: 'Santiago Vila <sanvila@debian.org>',
      installedSize: 385,
    });
  });

  it('keeps installed packages and those only waiting for triggers', () => {
    const installed = parseDebStatus(fixture).entries.filter(isInstalled);
    expect(installed.map((e) => e.name)).toEqual([
      'base-files',
      'libbz2-1.0',
      'libssl3',
      'libssl3',
      'libc-bin',
    ]);
  });

  it.each([
    ['install ok installed', true],
    ['hold ok installed', true],
    ['install ok triggers-awaited', true],
    ['install ok unpacked', false],
    ['install ok half-configured', false],
    ['deinstall ok config-files', false],
    ['purge ok not-installed', false],
    ['', false],
  ])('Status: %s → installed %s', (status, expected) => {
    expect(isInstalled({ name: 'x', version: '1', source: { name: 'x', version: '1' }, status })).toBe(
      expected,
    );
  });

  it('treats status.d entries without Status as installed', () => {
    const [entry] = parseDebStatus('Package: base-files\nVersion: 12.4\nArchitecture: amd64\n').entries;
    expect(entry && isInstalled(entry)).toBe(true);
  });

  it('reports paragraphs that are not packages and files with no paragraphs', () => {
    expect(parseDebStatus('Package: a\n\nVersion: 1\n\nPackage: b\nVersion: 2\n')).toEqual({
      entries: [{ name: 'b', version: '2', source: { name: 'b', version: '2' } }],
      problems: [
        'paragraph 1 has no Package or Version field',
        'paragraph 2 has no Package or Version field',
      ],
    });
    expect(parseDebStatus('\u0000\u0001binary garbage\n').problems).toEqual(['no deb822 paragraphs']);
    expect(parseDebStatus('')).toEqual({ entries: [], problems: [] });
  });
});

describe('sourceOf', () => {
  it.each([
    [undefined, { name: 'libcap2', version: '1:2.66-4+b1' }],
    ['libcap2 (1:2.66-4)', { name: 'libcap2', version: '1:2.66-4' }],
    ['openssl', { name: 'openssl', version: '1:2.66-4+b1' }],
    ['bad source (x) y', { name: 'libcap2', version: '1:2.66-4+b1' }],
  ])('%s', (field, expected) => {
    expect(sourceOf(field, 'libcap2', '1:2.66-4+b1')).toEqual(expected);
  });
});
