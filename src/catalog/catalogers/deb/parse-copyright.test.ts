import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dep5Expression, licensesFromCopyright } from './parse-copyright.js';

const read = (name: string): string =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('licensesFromCopyright', () => {
  it('maps the License: synopses of a machine-readable file, once each, in order', () => {
    expect(licensesFromCopyright(read('copyright-dep5'))).toEqual([
      'BSD-3-Clause OR GPL-2.0-or-later',
      'MIT',
      'GFDL-1.3-or-later',
      'BSD-variant',
      'GPL-2+ with OpenSSL exception',
      'BSD-3-Clause',
    ]);
  });

  it('finds GNU notices in a free-form file, not the sentence naming the licence file', () => {
    expect(licensesFromCopyright(read('copyright-plain'))).toEqual(['GPL-2.0-or-later', 'LGPL-2.1-only']);
  });

  it.each([
    ['Apache License\n   Version 2.0, January 2004', ['Apache-2.0']],
    [
      'Permission is hereby granted, free of charge, to any person obtaining a\ncopy of this software',
      ['MIT'],
    ],
    ["This software is provided 'as-is', without any express or implied\nwarranty.", ['Zlib']],
    [
      'Permission to use, copy, modify, and/or distribute this software for any purpose with or without fee is hereby granted',
      ['ISC'],
    ],
    [
      'licensed under the GNU Affero General Public License, version 3 or (at your option) any later version',
      ['AGPL-3.0-or-later'],
    ],
    [
      'under the terms of the GNU Library General Public License version 2, or (at your option) any later version',
      ['LGPL-2.0-or-later'],
    ],
    ['Copyright 2020 Someone. All rights reserved.', []],
    ['', []],
  ])('%s', (text, expected) => {
    expect(licensesFromCopyright(text)).toEqual(expected);
  });
});

describe('dep5Expression', () => {
  it.each([
    ['GPL-2', 'GPL-2.0-only'],
    ['GPL-2+', 'GPL-2.0-or-later'],
    ['LGPL-2.1+', 'LGPL-2.1-or-later'],
    ['lgpl-3', 'LGPL-3.0-only'],
    ['Artistic or GPL-1+', 'Artistic-1.0-Perl OR GPL-1.0-or-later'],
    ['Zlib and Expat', 'Zlib AND MIT'],
    ['public-domain', 'public-domain'],
    ['GPL-2+ or Artistic, and BSD-3-clause', 'GPL-2+ or Artistic, and BSD-3-clause'],
  ])('%s → %s', (synopsis, expected) => {
    expect(dep5Expression(synopsis)).toBe(expected);
  });
});
