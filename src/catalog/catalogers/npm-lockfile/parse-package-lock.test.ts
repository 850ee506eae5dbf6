import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePackageLock } from './parse-package-lock.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

function listOf(text: string): string[] {
  const result = parsePackageLock(text);
  if (!result.ok) throw new Error(result.reason);
  return result.packages.map((p) => `${p.name}@${p.version}`).sort();
}

describe('parsePackageLock', () => {
  it('v1: walks the nested dependency tree, unwraps aliases, leaves out file and git sources', () => {
    expect(listOf(fixture('lock-v1.json'))).toEqual([
      'debug@2.6.9',
      'fsevents@2.3.2',
      'jest@26.0.0',
      'lodash@4.17.21',
      'ms@2.0.0',
      'ms@2.1.1',
      'send@0.17.1',
    ]);
  });

  it('v2: reads `packages`, not the legacy `dependencies` copy', () => {
    const result = parsePackageLock(fixture('lock-v2.json'));
    expect(result).toEqual({
      ok: true,
      packages: [
        {
          name: 'qs',
          version: '6.7.0',
          licenses: ['BSD-3-Clause'],
          metadata: { paths: ['node_modules/qs'] },
        },
      ],
    });
  });

  it('v3: skips the root, links and workspace folders; keeps nested installs inside workspaces', () => {
    expect(listOf(fixture('lock-v3.json'))).toEqual([
      '@types/node@20.0.0',
      'fsevents@2.3.2',
      'jest@26.0.0',
      'left-pad@1.3.0',
      'lodash@4.17.21',
      'ms@2.0.0',
      'ms@2.1.3',
    ]);
  });

  it('v3: merges paths of one name@version; a flag holds only when every path has it', () => {
    const result = parsePackageLock(fixture('lock-v3.json'));
    const meta = (key: string) =>
      result.ok ? result.packages.find((p) => `${p.name}@${p.version}` === key)?.metadata : undefined;
    expect(meta('ms@2.0.0')).toEqual({ paths: ['node_modules/ms', 'node_modules/send/node_modules/ms'] });
    expect(meta('fsevents@2.3.2')).toEqual({ dev: true, optional: true, paths: ['node_modules/fsevents'] });
    expect(meta('lodash@4.17.21')).toEqual({ paths: ['node_modules/my-lodash'] });
  });

  it.each([
    ['not JSON', '{"lockfileVersion": 3,', /invalid JSON/],
    ['not an object', '"x"', /not a JSON object/],
    ['no lock data', '{"name":"x"}', /not an npm lock file/],
  ])('reports %s', (_case, text, reason) => {
    const result = parsePackageLock(text);
    expect(!result.ok && result.reason).toMatch(reason);
  });

  it('reads an empty lock file as no packages', () => {
    expect(parsePackageLock('{"lockfileVersion":3,"packages":{"":{}}}')).toEqual({ ok: true, packages: [] });
    expect(parsePackageLock('{"lockfileVersion":1}')).toEqual({ ok: true, packages: [] });
  });

  it('survives hostile shapes without throwing', () => {
    for (const text of [
      '{"packages":[]}',
      '{"packages":{"node_modules/x":null}}',
      '{"dependencies":{"x":5}}',
    ]) {
      expect(parsePackageLock(text).ok).toBeDefined();
    }
  });
});
