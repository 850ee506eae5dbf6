import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseDesc, parseFiles, parseSections } from './parse-desc.js';

const read = (name: string): string =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('parseDesc', () => {
  it('reads the fields of a desc file', () => {
    expect(parseDesc(read('desc'))).toEqual({
      name: 'zstd',
      version: '1.5.5-1',
      base: 'zstd',
      architecture: 'x86_64',
      licenses: ['BSD', 'GPL2'],
      packager: 'Levente Polyak <anthraxx@archlinux.org>',
      url: 'https://facebook.github.io/zstd/',
      description: 'Zstandard - Fast real-time compression algorithm',
      buildDate: 1681118212,
      installDate: 1700000000,
      size: 3180851,
      validation: ['pgp'],
    });
  });

  it.each([
    ['no version', '%NAME%\nzstd\n'],
    ['empty name', '%NAME%\n\n%VERSION%\n1-1\n'],
    ['junk', '\u0000garbage%\n%%\n'],
    ['empty', ''],
  ])('gives undefined for %s', (_name, text) => {
    expect(parseDesc(text)).toBeUndefined();
  });

  it('skips lines outside sections and ignores bad numbers', () => {
    expect(parseDesc('stray\n%NAME%\na\n\nstray\n%VERSION%\n1-1\n\n%SIZE%\nbig\n')).toEqual({
      name: 'a',
      version: '1-1',
      licenses: [],
    });
  });
});

describe('parseFiles', () => {
  it('lists files, not directories, as absolute paths; BACKUP is not FILES', () => {
    expect(parseFiles(read('files'))).toEqual([
      '/usr/bin/zstd',
      '/usr/bin/zstdcat',
      '/usr/lib/libzstd.so.1.5.5',
    ]);
    expect(parseSections(read('files')).get('BACKUP')).toEqual([
      'etc/zstd.conf\td41d8cd98f00b204e9800998ecf8427e',
    ]);
  });
});
