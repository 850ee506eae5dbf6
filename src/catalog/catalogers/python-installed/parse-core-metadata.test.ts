import { describe, expect, it } from 'vitest';
import { licensesFrom } from './licenses.js';
import { parseCoreMetadata, readHeaders } from './parse-core-metadata.js';

const metadata = (lines: string[]) => `${lines.join('\n')}\n\nLong description\nLicense: not a header\n`;

describe('readHeaders', () => {
  it('keeps repeated fields, folds continuation lines and stops at the body', () => {
    const headers = readHeaders(
      metadata([
        'Metadata-Version: 2.1',
        'Name: six',
        'License: Line one',
        '        line two',
        'Classifier: A :: B',
        'Classifier: License :: OSI Approved :: MIT License',
      ]),
    );
    expect(headers.get('license')).toEqual(['Line one\nline two']);
    expect(headers.get('classifier')).toEqual(['A :: B', 'License :: OSI Approved :: MIT License']);
    expect(headers.has('long description')).toBe(false);
  });
});

describe('licensesFrom', () => {
  const lic = (lines: string[]) => licensesFrom(readHeaders(lines.join('\n')));
  it.each([
    [
      'License-Expression wins',
      ['License-Expression: MIT OR Apache-2.0', 'License: BSD'],
      ['MIT OR Apache-2.0'],
    ],
    [
      'a short License field',
      ['License: MIT', 'Classifier: License :: OSI Approved :: BSD License'],
      ['MIT'],
    ],
    [
      'UNKNOWN falls back to classifiers',
      ['License: UNKNOWN', 'Classifier: License :: OSI Approved :: MIT License'],
      ['MIT'],
    ],
    [
      'classifiers: SPDX where unambiguous, words otherwise',
      [
        'Classifier: License :: OSI Approved :: GNU Lesser General Public License v2 or later (LGPLv2+)',
        'Classifier: License :: OSI Approved :: Apache Software License',
        'Classifier: License :: OSI Approved',
        'Classifier: Programming Language :: Python',
      ],
      ['LGPL-2.0-or-later', 'Apache Software License'],
    ],
    [
      'a pasted licence text gives way to classifiers',
      [
        'License: Copyright (c) 2020 Someone',
        '        Permission is hereby granted',
        'Classifier: License :: OSI Approved :: MIT License',
      ],
      ['MIT'],
    ],
    [
      'a pasted text and no classifiers: its first line',
      ['License: BSD 3-Clause', '        Redistribution and use'],
      ['BSD 3-Clause'],
    ],
    ['nothing', ['Name: x'], []],
  ])('%s', (_case, lines, expected) => {
    expect(lic(lines)).toEqual(expected);
  });
});

describe('parseCoreMetadata', () => {
  it('reads name, version, licence, author and home page', () => {
    const text = metadata([
      'Metadata-Version: 2.1',
      'Name: charset-normalizer',
      'Version: 3.0.1',
      'Home-page: https://github.com/Ousret/charset_normalizer',
      'Author: Ahmed TAHRI',
      'License: MIT',
    ]);
    expect(parseCoreMetadata(text)).toEqual({
      ok: true,
      packages: [
        {
          name: 'charset-normalizer',
          version: '3.0.1',
          licenses: ['MIT'],
          metadata: {
            metadataVersion: '2.1',
            author: 'Ahmed TAHRI',
            homepage: 'https://github.com/Ousret/charset_normalizer',
          },
        },
      ],
    });
  });

  it.each([
    ['no version', 'Name: x\n'],
    ['empty', ''],
    ['binary noise', '\u0000\u0001\u0002'],
    ['name only in the body', '\nName: x\nVersion: 1\n'],
  ])('reports %s', (_case, text) => {
    expect(parseCoreMetadata(text).ok).toBe(false);
  });

  it('accepts CRLF and a byte-order mark', () => {
    const result = parseCoreMetadata('\uFEFFName: a\r\nVersion: 1.0\r\n');
    expect(result.ok && result.packages[0]?.version).toBe('1.0');
  });
});
