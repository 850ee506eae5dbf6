import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseYarnLock } from './index.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

function listOf(text: string): string[] {
  const result = parseYarnLock(text);
  if (!result.ok) throw new Error(result.reason);
  return result.packages.map((p) => `${p.name}@${p.version}`).sort();
}

describe('yarn.lock classic (v1)', () => {
  it('reads every entry once, unwraps aliases and leaves out local file sources', () => {
    expect(listOf(fixture('classic.yarn.lock'))).toEqual([
      '@babel/code-frame@7.12.13',
      'lodash@4.17.15',
      'lodash@4.17.21',
      'ms@2.0.0',
      'odd-quoting@1.2.3',
    ]);
  });

  it.each([
    ['only the header', '# yarn lockfile v1\n\n', []],
    ['CRLF line ends', 'a@^1:\r\n  version "1.0.0"\r\n', ['a@1.0.0']],
    ['an entry without version', 'a@^1:\n  resolved "x"\n', []],
  ])('%s', (_case, text, expected) => {
    expect(listOf(text)).toEqual(expected);
  });

  it('reports text that is no lock file', () => {
    expect(parseYarnLock('hello world').ok).toBe(false);
  });
});

describe('yarn.lock berry (v2+)', () => {
  it('keeps npm resolutions and patches of them; skips workspaces, links and URL sources', () => {
    expect(listOf(fixture('berry.yarn.lock'))).toEqual([
      '@sindresorhus/is@4.6.0',
      'accepts@1.3.8',
      'lodash@4.17.21',
      'resolve@1.22.8',
    ]);
  });

  it('marks patched packages', () => {
    const result = parseYarnLock(fixture('berry.yarn.lock'));
    const resolve = result.ok ? result.packages.find((p) => p.name === 'resolve') : undefined;
    expect(resolve?.metadata).toEqual({ patched: true });
  });

  it.each([
    ['YAML that is broken', '__metadata:\n  version: 8\n"a@npm:1":\n version: [\n'],
    ['an alias bomb', '__metadata: &a [*a]\n'],
  ])('reports %s', (_case, text) => {
    expect(parseYarnLock(text).ok).toBe(false);
  });
});
