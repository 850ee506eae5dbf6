import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { compileMatcher } from './path-matcher.js';

const paths = [
  '/app/package.json',
  '/app/node_modules/@scope/x/package.json',
  '/usr/share/java/a.jar',
  '/srv/x.JAR',
  '/var/lib/dpkg/status',
  '/var/lib/dpkg/status.d/base',
  '/usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA',
  '/x/.github/workflows/ci.yml',
  '/etc/os-release',
  '/bin/ls',
  '/app/App.deps.json',
  '/srv/requirements.txt',
  '/srv/requirements-dev.txt',
  '/srv/requirements.txt.bak',
  '/srv/xy',
  '/srv/x',
];

describe('compileMatcher', () => {
  it.each([
    [['**/package.json']],
    [['**/*.jar', '/var/lib/dpkg/status']],
    [['/var/lib/dpkg/status.d/*']],
    [['/var/lib/dpkg/status.d/*', '/var/lib/dpkg/status', '**/*.jar']],
    [['/var/lib/*/status.d/*', '/usr/*/java/*.jar']],
    [['**/requirements*.txt', '**/*-release', '**/x*y']],
    [['**/requirements*.txt', '**/package.json']],
    [['/var/lib/dpkg/status\\.d/*', '/app/node_modules/@*/*/package.json']],
    [['**/*.dist-info/METADATA', '**/.github/workflows/*.yml']],
    [['**/*-release', '/etc/os-release']],
    [['**/*.deps.json', '**/packages.lock.json']],
  ])('agrees with picomatch for %j', (patterns) => {
    const ours = compileMatcher(patterns);
    const theirs = picomatch(patterns, { dot: true });
    expect(paths.map((p) => ours(p))).toEqual(paths.map((p) => theirs(p)));
  });

  it('refuses by a literal folder when an absolute pattern ends in a glob', () => {
    const matcher = compileMatcher(['/var/lib/dpkg/status.d/*', '**/package.json']);
    expect(matcher.general).toBe(false);
    expect(matcher.prefixes).toEqual(['/var/lib/dpkg/status.d/']);
    expect(matcher('/var/lib/dpkg/status.d/base')).toBe(true);
    expect(matcher('/var/lib/dpkg/status.d')).toBe(false);
    expect(compileMatcher(['/var/*/[ab]']).prefixes).toEqual(['/var/']);
    expect(compileMatcher(['**/*-release']).shapes).toEqual([['', '-release']]);
    expect(compileMatcher(['**/requirements*.txt']).shapes).toEqual([['requirements', '.txt']]);
    expect(compileMatcher(['**/*.{yml,yaml}']).general).toBe(true);
  });

  it('refuses by name without a glob when every pattern ends in a name or an extension', () => {
    const matcher = compileMatcher(['**/package.json', '**/*.jar']);
    expect(matcher.general).toBe(false);
    expect([...matcher.names]).toEqual(['package.json']);
    expect([...matcher.extensions]).toEqual(['.jar']);
  });
});
