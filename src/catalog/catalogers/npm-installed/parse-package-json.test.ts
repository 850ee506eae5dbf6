import { describe, expect, it } from 'vitest';
import { npmLicenses, parsePackageJson } from './parse-package-json.js';

describe('npmLicenses', () => {
  it.each([
    ['SPDX expression', { license: '(MIT OR Apache-2.0)' }, ['(MIT OR Apache-2.0)']],
    ['legacy object', { license: { type: 'ISC', url: 'x' } }, ['ISC']],
    ['legacy list of objects', { licenses: [{ type: 'MIT' }, { type: 'GPL-2.0' }] }, ['MIT', 'GPL-2.0']],
    ['legacy list of strings', { licenses: ['BSD-3-Clause', 'BSD-3-Clause'] }, ['BSD-3-Clause']],
    ['legacy single object', { licenses: { type: 'Apache-2.0' } }, ['Apache-2.0']],
    ['license wins over licenses', { license: 'MIT', licenses: [{ type: 'GPL' }] }, ['MIT']],
    ['nothing declared', {}, []],
    ['wrong types', { license: 42.5, licenses: 'x' }, ['42.5']],
  ])('%s', (_case, manifest, expected) => {
    expect(npmLicenses(manifest)).toEqual(expected);
  });
});

describe('parsePackageJson', () => {
  it('reads name, version, licence and author (object form)', () => {
    const text = JSON.stringify({
      name: 'express',
      version: '4.17.1',
      license: 'MIT',
      author: { name: 'TJ Holowaychuk', email: 'tj@vision-media.ca' },
    });
    expect(parsePackageJson(text, 'express')).toEqual({
      ok: true,
      packages: [
        {
          name: 'express',
          version: '4.17.1',
          licenses: ['MIT'],
          metadata: { author: 'TJ Holowaychuk <tj@vision-media.ca>' },
        },
      ],
    });
  });

  it('keeps the installed directory name of an alias', () => {
    const result = parsePackageJson('{"name":"lodash","version":"4.17.21"}', 'my-lodash');
    expect(result.ok && result.packages[0]?.metadata).toEqual({ installedAs: 'my-lodash' });
  });

  it.each([
    ['not JSON', '{', /invalid JSON/],
    ['an array', '[]', /not a JSON object/],
    ['no version', '{"name":"x"}', /no name or version/],
    ['version of the wrong type', '{"name":"x","version":{}}', /no name or version/],
    ['empty', '', /invalid JSON/],
  ])('reports %s instead of throwing', (_case, text, reason) => {
    const result = parsePackageJson(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it('accepts a byte-order mark', () => {
    expect(parsePackageJson('\uFEFF{"name":"a","version":"1.0.0"}').ok).toBe(true);
  });
});
