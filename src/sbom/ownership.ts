import type { Package } from './types.js';

const distroTypes = new Set(['deb', 'rpm', 'apk', 'alpm']);

/**
 * Marks language packages whose evidence files a distro package installed (Debian's python3-requests
 * ships requests' dist-info; /usr/share/java jars come from -java debs): `metadata.ownedBy` names the
 * owner. The distro's advisories cover them, with the distro's backported fixes; matching them again
 * against upstream ranges would report fixed flaws. They stay in the SBOM, which lists what is there.
 */
export function markOwnedPackages(packages: Package[]): Package[] {
  const owners = new Map<string, string>();
  for (const pkg of packages) {
    if (!distroTypes.has(pkg.type)) continue;
    const files = pkg.metadata?.files;
    if (!Array.isArray(files)) continue;
    for (const file of files) if (typeof file === 'string') owners.set(file, `${pkg.type}:${pkg.name}`);
  }
  if (owners.size === 0) return packages;
  return packages.map((pkg) => {
    if (distroTypes.has(pkg.type)) return pkg;
    const owner = pkg.locations.map((l) => owners.get(l.path.split('!/')[0]!)).find(Boolean);
    return owner ? { ...pkg, metadata: { ...pkg.metadata, ownedBy: owner } } : pkg;
  });
}

export function ownerOf(pkg: Package): string | undefined {
  const owner = pkg.metadata?.ownedBy;
  return typeof owner === 'string' ? owner : undefined;
}
