import { ecosystemKey } from '../../advisories/ecosystems.js';
import { parsePurl } from '../../core/purl.js';
import { osvEcosystem } from '../../distro/osv-ecosystem.js';
import type { Distro, Package } from '../../sbom/types.js';

/** Which advisory records describe a distribution's packages: the ecosystem to ask for, and which to keep. */
export interface DistroScope {
  /** The ecosystem passed to the look-up. */
  query: string;
  /** True for an `affected[].package.ecosystem` or distro status ecosystem of this release. */
  accepts(ecosystem: string): boolean;
  /** The release as users know it, for messages. */
  label: string;
}

/** Rolling distributions OSV names without a release but osvEcosystem leaves out. */
const rolling: Record<string, string> = { arch: 'Arch Linux' };

/**
 * The scope for an image's distribution. Red Hat files packages under per-stream CPE suffixes
 * (`Red Hat:enterprise_linux:9::appstream`), so its release ecosystem is a prefix: we ask for the whole
 * distribution and keep that release's records.
 */
export function distroScope(distro: Distro | undefined): DistroScope | undefined {
  if (!distro) return undefined;
  const ecosystem = osvEcosystem(distro) ?? rolling[distro.id];
  if (!ecosystem) return undefined;
  const key = ecosystemKey(ecosystem);
  const label = distro.prettyName ?? `${distro.id} ${distro.versionId ?? distro.codename ?? ''}`.trim();
  if (key.startsWith('red hat:')) {
    return {
      query: 'Red Hat',
      accepts: (e) => {
        const k = ecosystemKey(e);
        return k === key || k.startsWith(`${key}:`);
      },
      label,
    };
  }
  return { query: ecosystem, accepts: (e) => ecosystemKey(e) === key, label };
}

/**
 * The distribution named by a package's purl `distro` qualifier (`debian-12`, `alpine-3.18.4`, `arch`):
 * an SBOM read from a file may carry no distro of its own, but its packages still say where they came from.
 */
export function distroFromPurl(pkg: Package): Distro | undefined {
  const qualifier = parsePurl(pkg.purl)?.qualifiers?.distro;
  if (!qualifier) return undefined;
  const match = /^([a-z][a-z0-9._-]*?)-(\d[\w.]*)$/i.exec(qualifier);
  if (match) return { id: match[1]!.toLowerCase(), versionId: match[2]! };
  const codename = /^([a-z]+)-([a-z]+)$/i.exec(qualifier);
  if (codename) return { id: codename[1]!.toLowerCase(), codename: codename[2]!.toLowerCase() };
  return { id: qualifier.toLowerCase() };
}
