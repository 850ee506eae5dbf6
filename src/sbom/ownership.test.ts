import { describe, expect, it } from 'vitest';
import { markOwnedPackages, ownerOf } from './ownership.js';
import type { Package } from './types.js';

const base = { licenses: [], foundBy: 'x', layer: 0, id: 'i' };
const deb: Package = {
  ...base,
  type: 'deb',
  name: 'python3-requests',
  version: '2.28.1+dfsg-1',
  purl: 'pkg:deb/debian/python3-requests@2.28.1%2Bdfsg-1',
  locations: [{ path: '/var/lib/dpkg/status', layer: 0 }],
  metadata: {
    files: ['/usr/lib/python3/dist-packages/requests-2.28.1.egg-info/PKG-INFO', '/usr/share/java/x.jar'],
  },
};

describe('markOwnedPackages', () => {
  it('marks language packages whose evidence a distro package installed, and leaves others alone', () => {
    const owned: Package = {
      ...base,
      type: 'pypi',
      name: 'requests',
      version: '2.28.1',
      purl: 'pkg:pypi/requests@2.28.1',
      locations: [{ path: '/usr/lib/python3/dist-packages/requests-2.28.1.egg-info/PKG-INFO', layer: 0 }],
    };
    const nested: Package = {
      ...owned,
      type: 'maven',
      name: 'y',
      locations: [{ path: '/usr/share/java/x.jar!/lib/y.jar', layer: 0 }],
    };
    const free: Package = {
      ...owned,
      name: 'flask',
      locations: [{ path: '/app/venv/flask.dist-info/METADATA', layer: 1 }],
    };
    const [, a, b, c] = markOwnedPackages([deb, owned, nested, free]);
    expect(ownerOf(a!)).toBe('deb:python3-requests');
    expect(ownerOf(b!)).toBe('deb:python3-requests');
    expect(ownerOf(c!)).toBeUndefined();
  });
});
