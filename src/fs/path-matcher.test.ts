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
];

describe('compileMatcher', () => {
  it.each([
    [['**/package.json']],
    [['**/*.jar', '/var/lib/dpkg/status']],
    [['/var/lib/dpkg/status.d/*']],
    [['**/*.dist-info/METADATA', '**/.github/workflows/*.yml']],
    [['**/*-release', '/etc/os-release']],
    [['**/*.deps.json', '**/packages.lock.json']],
  ])('agrees with picomatch for %j', (patterns) => {
    const ours = compileMatcher(patterns);
    const theirs = picomatch(patterns, { dot: true });
    expect(paths.map((p) => ours(p))).toEqual(paths.map((p) => theirs(p)));
  });

  it('refuses by name without a glob when every pattern ends in a name or an extension', () => {
    const matcher = compileMatcher(['**/package.json', '**/*.jar']);
    expect(matcher.general).toBe(false);
    expect([...matcher.names]).toEqual(['package.json']);
    expect([...matcher.extensions]).toEqual(['.jar']);
  });
});
