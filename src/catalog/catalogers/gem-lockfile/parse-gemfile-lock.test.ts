import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseGemfileLock } from './parse-gemfile-lock.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('parseGemfileLock', () => {
  it('reads GEM and GIT specs, one package per name@version with its platforms; PATH and other sections skipped', () => {
    const result = parseGemfileLock(fixture('Gemfile.lock'));
    expect(result.ok && result.packages.map((p) => [`${p.name}@${p.version}`, p.metadata])).toEqual([
      ['actionpack@7.1.0.alpha', { source: 'git' }],
      ['rails@7.1.0.alpha', { source: 'git' }],
      ['mini_portile2@2.8.4', { source: 'rubygems' }],
      ['nokogiri@1.15.4', { source: 'rubygems', platforms: ['ruby', 'aarch64-linux', 'x86_64-linux'] }],
      ['racc@1.7.1', { source: 'rubygems' }],
      ['rack@2.2.8', { source: 'rubygems' }],
      ['sqlite3@1.6.3', { source: 'rubygems', platforms: ['x86_64-linux'] }],
    ]);
  });

  it.each([
    ['not a lock file', 'hello\nworld\n'],
    ['empty', ''],
  ])('reports %s', (_case, text) => {
    expect(parseGemfileLock(text).ok).toBe(false);
  });

  it('reads CRLF line ends', () => {
    const result = parseGemfileLock('GEM\r\n  remote: x\r\n  specs:\r\n    rack (2.2.8)\r\n');
    expect(result.ok && result.packages.map((p) => p.name)).toEqual(['rack']);
  });
});
