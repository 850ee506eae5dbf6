import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePnpmLock, splitV5Key, splitV6Key } from './parse-pnpm-lock.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

function listOf(text: string): string[] {
  const result = parsePnpmLock(text);
  if (!result.ok) throw new Error(result.reason);
  return result.packages.map((p) => `${p.name}@${p.version}${p.metadata?.dev ? ' dev' : ''}`).sort();
}

describe('pnpm lock keys', () => {
  it.each([
    ['/lodash/4.17.15', { name: 'lodash', version: '4.17.15' }],
    ['/@types/node/20.0.0', { name: '@types/node', version: '20.0.0' }],
    ['/react-dom/18.2.0_react@18.2.0', { name: 'react-dom', version: '18.2.0' }],
    ['/@a/b/1.0.0_@types+node@20.0.0', { name: '@a/b', version: '1.0.0' }],
    ['github.com/a/b/0123abc', undefined],
    ['/too/many/parts/here', undefined],
  ])('v5 %s', (key, expected) => {
    expect(splitV5Key(key)).toEqual(expected);
  });

  it.each([
    ['/lodash@4.17.15', { name: 'lodash', version: '4.17.15' }],
    ['/@types/node@20.0.0', { name: '@types/node', version: '20.0.0' }],
    ['react-dom@18.2.0(react@18.2.0)', { name: 'react-dom', version: '18.2.0' }],
    ['@a/b@1.0.0(@types/node@20.0.0)(c@1.0.0)', { name: '@a/b', version: '1.0.0' }],
    ['@scope-only', undefined],
  ])('v6/v9 %s', (key, expected) => {
    expect(splitV6Key(key)).toEqual(expected);
  });
});

describe('parsePnpmLock', () => {
  it('v5.4: keys with slashes, peer suffixes, git entries named by their fields', () => {
    expect(listOf(fixture('v5.pnpm-lock.yaml'))).toEqual([
      '@types/node@20.0.0',
      'git-dep@1.0.0',
      'react-dom@18.2.0',
      'react@18.2.0',
      'typescript@5.0.4 dev',
    ]);
  });

  it('v6.0: keys with @ and peer parentheses, dev and optional flags', () => {
    expect(listOf(fixture('v6.pnpm-lock.yaml'))).toEqual([
      '@types/node@20.0.0',
      'fsevents@2.3.2 dev',
      'react-dom@18.2.0',
      'react@18.2.0',
    ]);
  });

  it('v9.0: the packages map, once per release (snapshots only add peer variants)', () => {
    expect(listOf(fixture('v9.pnpm-lock.yaml'))).toEqual([
      '@types/node@20.0.0',
      'react-dom@18.2.0',
      'react@18.2.0',
      'tarball-dep@1.0.0',
    ]);
  });

  it.each([
    ['no lockfileVersion', 'packages: {}\n'],
    ['broken YAML', "lockfileVersion: '9.0'\npackages:\n  a@1: [\n"],
    ['a scalar', '42\n'],
  ])('reports %s', (_case, text) => {
    expect(parsePnpmLock(text).ok).toBe(false);
  });

  it('reads a lock file without packages as empty', () => {
    expect(parsePnpmLock("lockfileVersion: '9.0'\n")).toEqual({ ok: true, packages: [] });
  });
});
