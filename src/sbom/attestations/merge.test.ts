import { describe, expect, it } from 'vitest';
import type { Package } from '../types.js';
import { complementOf, purlIdentity } from './merge.js';

const pkg = (purl: string, foundBy = 'deb'): Package => ({
  id: purl,
  type: 'deb',
  name: 'x',
  version: '1',
  purl,
  licenses: [],
  locations: [],
  layer: 0,
  foundBy,
});

describe('attested packages complement the catalog', () => {
  it('ignores qualifiers and percent-encoding when telling packages apart', () => {
    expect(
      purlIdentity('pkg:deb/debian/bsdutils@1:2.38.1-5%2Bdeb12u3?arch=amd64&distro=debian-12&epoch=1'),
    ).toBe(purlIdentity('pkg:deb/debian/bsdutils@1:2.38.1-5+deb12u3?arch=amd64&distro=debian-12.5'));
    expect(purlIdentity('pkg:npm/a@1')).not.toBe(purlIdentity('pkg:npm/a@2'));
    expect(purlIdentity('not a purl')).toBeUndefined();
  });

  it('adds only what the catalog lacks, once', () => {
    const catalog = [pkg('pkg:deb/debian/hello@2.10-3?arch=amd64&distro=debian-12')];
    const attested = [
      pkg('pkg:deb/debian/hello@2.10-3?arch=amd64', 'attestation'),
      pkg('pkg:npm/typescript@5.4.5', 'attestation'),
      pkg('pkg:npm/typescript@5.4.5?x=1', 'attestation'),
    ];
    expect(complementOf(catalog, attested).map((p) => p.purl)).toEqual(['pkg:npm/typescript@5.4.5']);
  });
});
