import { describe, expect, it } from 'vitest';
import { schemeFor, schemeIdFor, schemes } from './registry.js';

describe('scheme registry', () => {
  it('registers all eleven schemes under their own ids', () => {
    expect([...schemes.keys()].sort()).toEqual(
      ['alpm', 'apk', 'composer', 'dpkg', 'gem', 'go', 'maven', 'nuget', 'pep440', 'rpm', 'semver'].sort(),
    );
    for (const [id, scheme] of schemes) expect(scheme.id).toBe(id);
  });

  it.each([
    ['Debian', 'dpkg'],
    ['Debian:12', 'dpkg'],
    ['Ubuntu:22.04:LTS', 'dpkg'],
    ['Ubuntu:Pro:18.04:LTS', 'dpkg'],
    ['AlmaLinux:9', 'rpm'],
    ['Rocky Linux:9', 'rpm'],
    ['Red Hat:rhel_aus:8.4::appstream', 'rpm'],
    ['SUSE:SUSE Linux Enterprise Server 15 SP5', 'rpm'],
    ['openSUSE:Tumbleweed', 'rpm'],
    ['Photon OS:3.0', 'rpm'],
    ['Alpine:v3.18', 'apk'],
    ['Wolfi', 'apk'],
    ['Chainguard', 'apk'],
    ['Arch Linux', 'alpm'],
    ['npm', 'semver'],
    ['crates.io', 'semver'],
    ['PyPI', 'pep440'],
    ['Maven', 'maven'],
    ['Maven:https://maven.google.com', 'maven'],
    ['Go', 'go'],
    ['RubyGems', 'gem'],
    ['NuGet', 'nuget'],
    ['Packagist', 'composer'],
    ['Packagist:https://packages.drupal.org/8', 'composer'],
    ['GitHub Actions', 'semver'],
  ])('OSV ecosystem %j uses %s', (ecosystem, id) => {
    expect(schemeIdFor(ecosystem)).toBe(id);
    expect(schemeFor(ecosystem)?.id).toBe(id);
  });

  it.each([
    ['deb', 'dpkg'],
    ['rpm', 'rpm'],
    ['apk', 'apk'],
    ['alpm', 'alpm'],
    ['npm', 'semver'],
    ['cargo', 'semver'],
    ['pypi', 'pep440'],
    ['maven', 'maven'],
    ['golang', 'go'],
    ['gem', 'gem'],
    ['nuget', 'nuget'],
    ['composer', 'composer'],
    ['github', 'semver'],
    ['githubactions', 'semver'],
  ])('purl type %j uses %s', (type, id) => {
    expect(schemeIdFor(type)).toBe(id);
  });

  // Unknown means "cannot evaluate", never a guess: no fallback to semver or anything else.
  it.each([
    'Hex',
    'Pub',
    'CRAN',
    'Hackage',
    'Linux',
    'OSS-Fuzz',
    'SwiftURL',
    'hex',
    'generic',
    '',
    'deb:12',
    'DEBIAN',
  ])('%j has no scheme', (ecosystem) => {
    expect(schemeFor(ecosystem)).toBeUndefined();
  });
});
