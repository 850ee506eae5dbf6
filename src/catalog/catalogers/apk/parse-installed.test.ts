import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { apkLicenses } from './licenses.js';
import { parseApkInstalled } from './parse-installed.js';

const fixture = readFileSync(new URL('./__fixtures__/installed', import.meta.url), 'utf8');

describe('parseApkInstalled', () => {
  const { entries, problems } = parseApkInstalled(fixture);

  it('reads every block with a name and version, reporting the others', () => {
    expect(entries.map((e) => `${e.name} ${e.version}`)).toEqual([
      'musl 1.2.4-r2',
      'libcrypto3 3.1.3-r0',
      'oldstyle 1.0-r0',
      'weird-licence 2-r1',
    ]);
    expect(problems).toEqual(['package block 4 has no P: or V: line']);
  });

  it('reads the fields a package needs and skips checksums, ACLs and dependencies', () => {
    expect(entries[0]).toEqual({
      name: 'musl',
      version: '1.2.4-r2',
      architecture: 'x86_64',
      size: 383152,
      installedSize: 622592,
      description: 'the musl c library (libc) implementation',
      url: 'https://musl.libc.org/',
      license: 'MIT',
      origin: 'musl',
      maintainer: 'Timo Teräs <timo.teras@iki.fi>',
      buildTime: 1698685935,
      commit: '0a2a3c6aa5d6a1fd2a0ef41adf1b4e0ffcfa3b86',
      files: ['/lib/ld-musl-x86_64.so.1', '/lib/libc.musl-x86_64.so.1'],
    });
  });

  it('joins R: lines to the F: directory before them, and to / after an empty F:', () => {
    expect(entries[1]?.files).toEqual([
      '/lib/libcrypto.so.3',
      '/usr/lib/engines-3/afalg.so',
      '/usr/lib/engines-3/padlock.so',
    ]);
    expect(entries[2]?.files).toEqual(['/at-root']);
  });

  it('ignores numbers that are not numbers', () => {
    expect(entries[3]?.size).toBeUndefined();
  });

  it('never throws on junk', () => {
    expect(parseApkInstalled('\u0000\u0001\nP\nV:\n:x\n')).toEqual({
      entries: [],
      problems: ['package block 1 has no P: or V: line'],
    });
    expect(parseApkInstalled('P:a\r\nV:1\r\n\r\nP:b\r\nV:2\r\n').entries.map((e) => e.name)).toEqual([
      'a',
      'b',
    ]);
  });
});

describe('apkLicenses', () => {
  it.each([
    ['MIT', ['MIT']],
    ['MIT AND BSD-2-Clause', ['MIT AND BSD-2-Clause']],
    ['GPL-2.0-or-later OR MIT', ['GPL-2.0-or-later OR MIT']],
    ['MIT BSD-3-Clause', ['MIT', 'BSD-3-Clause']],
    ['MIT BSD', ['MIT BSD']],
    ['Custom licence, see COPYING', ['Custom licence, see COPYING']],
    ['', []],
    [undefined, []],
  ])('%s', (declared, expected) => {
    expect(apkLicenses(declared)).toEqual(expected);
  });
});
