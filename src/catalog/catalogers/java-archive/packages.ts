import { makePurl } from '../../../core/purl.js';
import type { Package } from '../../../sbom/types.js';
import { packageId } from '../../helpers.js';
import type { JavaIdentity } from './identity.js';

export const CATALOGER_ID = 'java-archive';

/**
 * The package for one identity found in the archive at `path` (virtual for nested archives). A maven purl
 * needs a namespace: with no groupId anywhere, the artifactId stands in (as other scanners do) and
 * `metadata.groupIdGuessed` says so.
 */
export function javaPackage(identity: JavaIdentity, path: string, fileLayer: number, layer: number): Package {
  const locations = [{ path, layer: fileLayer }];
  const purl = makePurl({
    type: 'maven',
    namespace: identity.groupId || identity.artifactId,
    name: identity.artifactId,
    version: identity.version,
  });
  const pkg: Omit<Package, 'id'> = {
    type: 'maven',
    name: identity.artifactId,
    version: identity.version,
    purl,
    licenses: identity.license ? [identity.license] : [],
    locations,
    layer,
    foundBy: CATALOGER_ID,
    metadata: {
      groupId: identity.groupId || undefined,
      ...(identity.groupId ? {} : { groupIdGuessed: true }),
      artifactId: identity.artifactId,
      evidence: identity.evidence,
      ...(identity.entry ? { entry: identity.entry } : {}),
      ...(path.includes('!/') ? { nested: true } : {}),
    },
  };
  return { id: packageId(pkg), ...pkg };
}

/** The key that says "this package at this place", for layer attribution across versions of one file. */
export function identityKey(path: string, identity: JavaIdentity): string {
  return `${path}\u0000${identity.groupId}:${identity.artifactId}@${identity.version}`;
}
