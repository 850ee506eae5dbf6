import { makePurl } from '../../../core/purl.js';
import { distroQualifier } from '../../../distro/purl-qualifier.js';
import type { Distro } from '../../../sbom/types.js';
import type { DebEntry } from './parse-status.js';

/**
 * `pkg:deb/<distro id>/<name>@<version>?arch=<arch>&distro=<id>-<VERSION_ID>`, plus `upstream=<source>`
 * when the source package has another name, `upstream=<source>@<source version>` when its version differs
 * too (binNMUs), as other scanners write it. Without a detected distro the namespace is `debian`.
 */
export function debPurl(entry: DebEntry, distro: Distro | undefined): string {
  const { source } = entry;
  const upstream =
    source.version !== entry.version
      ? `${source.name}@${source.version}`
      : source.name !== entry.name
        ? source.name
        : undefined;
  return makePurl({
    type: 'deb',
    namespace: distro?.id ?? 'debian',
    name: entry.name,
    version: entry.version,
    qualifiers: { arch: entry.architecture, distro: distroQualifier(distro), upstream },
  });
}
