import type { Distro } from '../sbom/types.js';

/**
 * The purl `distro` qualifier as tools commonly write it: `<id>-<VERSION_ID>` (`debian-12`,
 * `alpine-3.18.4`, `rhel-9.3`), the codename when there is no version (Debian testing), the bare id for
 * rolling distributions (`arch`, `wolfi`).
 */
export function distroQualifier(distro: Distro | undefined): string | undefined {
  if (!distro) return undefined;
  const release = distro.versionId ?? distro.codename;
  return release ? `${distro.id}-${release}` : distro.id;
}
