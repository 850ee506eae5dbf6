import { describe, expect, it } from 'vitest';
import type { Distro, Package, PackageType } from '../../sbom/types.js';
import { keyString, lookupKeys, mayConcern, selectionOf } from './rematch.js';

const pkg = (type: PackageType, name: string, over: Partial<Package> = {}): Package => ({
  id: `${type}:${name}`,
  type,
  name,
  version: '1.0.0',
  purl: `pkg:${type}/${name}@1.0.0`,
  licenses: [],
  locations: [{ path: `/x/${name}`, layer: 0 }],
  layer: 0,
  foundBy: 'test',
  ...over,
});

const cases: [string, Package, Distro | undefined][] = [
  [
    'deb with a source package',
    pkg('deb', 'libssl3', { source: { name: 'openssl' } }),
    { id: 'debian', versionId: '12' },
  ],
  [
    'rpm with a source RPM',
    pkg('rpm', 'openssl-libs', { source: { name: 'openssl' } }),
    { id: 'rhel', versionId: '9.3' },
  ],
  [
    'apk with an origin',
    pkg('apk', 'libcrypto3', { source: { name: 'openssl' } }),
    { id: 'alpine', versionId: '3.18.4' },
  ],
  ['alpm with a pkgbase', pkg('alpm', 'systemd-libs', { source: { name: 'systemd' } }), { id: 'arch' }],
  [
    'Maven from metadata',
    pkg('maven', 'log4j-core', {
      metadata: { groupId: 'org.apache.logging.log4j', artifactId: 'log4j-core' },
    }),
    undefined,
  ],
  [
    'Maven from the purl namespace',
    pkg('maven', 'jsch', { purl: 'pkg:maven/com.jcraft/jsch@0.1.54' }),
    undefined,
  ],
  [
    'Maven artifactId unlike the name',
    pkg('maven', 'Some Bundle', { metadata: { groupId: 'g', artifactId: 'bundle-core' } }),
    undefined,
  ],
  ['PyPI name under PEP 503', pkg('pypi', 'Zope.Interface'), undefined],
  ['npm scoped', pkg('npm', '@Babel/Traverse'), undefined],
  ['Go module', pkg('golang', 'github.com/gin-gonic/gin'), undefined],
  ['Go stdlib', pkg('golang', 'stdlib'), undefined],
  ['gem', pkg('gem', 'Rack'), undefined],
  ['composer', pkg('composer', 'guzzlehttp/guzzle'), undefined],
  ['NuGet', pkg('nuget', 'Newtonsoft.Json'), undefined],
  ['cargo', pkg('cargo', 'tokio'), undefined],
  ['GitHub Action', pkg('github-action', 'actions/checkout'), undefined],
];

describe('the name pre-filter before the matchers’ dry run', () => {
  it.each(cases)('%s: every key the matchers look up passes the pre-filter', (_, p, distro) => {
    const keys = lookupKeys({ packages: [p], ...(distro ? { distro } : {}) }).get(p.id) ?? [];
    expect(keys.length).toBeGreaterThan(0);
    for (const key of keys) expect(mayConcern(p, selectionOf([key]).tokens), keyString(key)).toBe(true);
  });

  it('lets other packages go without a dry run', () => {
    const selection = selectionOf([
      { ecosystem: 'npm', name: 'lodash' },
      { ecosystem: 'maven', name: 'org.x:core' },
    ]);
    expect(mayConcern(pkg('npm', 'left-pad'), selection.tokens)).toBe(false);
    expect(mayConcern(pkg('deb', 'zlib1g', { source: { name: 'zlib' } }), selection.tokens)).toBe(false);
    expect(mayConcern(pkg('maven', 'core'), selection.tokens)).toBe(true);
  });
});
