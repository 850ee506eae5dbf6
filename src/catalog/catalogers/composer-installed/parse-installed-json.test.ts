import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composerPurl, composerVersion } from '../lang-common/composer.js';
import { parseInstalledJson } from './parse-installed-json.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('composer versions and purls', () => {
  it.each([
    ['v5.4.21', '5.4.21'],
    ['V1.0', '1.0'],
    ['5.4.21', '5.4.21'],
    ['dev-main', 'dev-main'],
    ['v-weird', 'v-weird'],
    ['1.0.0-beta2', '1.0.0-beta2'],
  ])('%s → %s', (written, expected) => {
    expect(composerVersion(written)).toBe(expected);
  });

  it('vendor is the namespace, both lowercased', () => {
    expect(composerPurl({ name: 'Symfony/Console', version: '6.3.8' })).toBe(
      'pkg:composer/symfony/console@6.3.8',
    );
    expect(composerPurl({ name: 'no-vendor', version: '1.0' })).toBe('pkg:composer/no-vendor@1.0');
  });
});

describe('parseInstalledJson', () => {
  it('Composer 1: a bare array; licence strings or lists, authors, source reference; bad entries dropped', () => {
    const result = parseInstalledJson(fixture('installed-composer1.json'));
    expect(result.ok && result.packages).toEqual([
      {
        name: 'symfony/http-foundation',
        version: '4.4.7',
        licenses: ['MIT'],
        metadata: {
          versionAsWritten: 'v4.4.7',
          type: 'library',
          authors: ['Fabien Potencier', 'Symfony Community'],
          reference: '62f92509c9abfd1f73e17b8cf1b72c0bdac6611b',
        },
      },
      {
        name: 'laminas/laminas-escaper',
        version: '2.6.1',
        licenses: ['BSD-3-Clause'],
        metadata: { type: 'library' },
      },
      { name: 'acme/dev-branch', version: 'dev-main', licenses: [], metadata: { type: 'library' } },
    ]);
  });

  it('Composer 2: {packages}, dev packages flagged from dev-package-names', () => {
    const result = parseInstalledJson(fixture('installed-composer2.json'));
    expect(result.ok && result.packages.map((p) => [p.name, p.version, p.metadata?.dev ?? false])).toEqual([
      ['psr/log', '1.1.4', false],
      ['myclabs/deep-copy', '1.11.0', true],
      ['symfony/polyfill-php80', '1.27.0', false],
    ]);
  });

  it.each([
    ['broken JSON', '{"packages": ['],
    ['an object without packages', '{"dev": true}'],
    ['a string', '"installed"'],
  ])('reports %s', (_case, text) => {
    expect(parseInstalledJson(text).ok).toBe(false);
  });
});
