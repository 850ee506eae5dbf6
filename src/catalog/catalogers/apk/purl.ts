import { makePurl } from '../../../core/purl.js';
import { distroQualifier } from '../../../distro/purl-qualifier.js';
import type { Distro } from '../../../sbom/types.js';
import type { ApkEntry } from './parse-installed.js';

/**
 * `pkg:apk/<distro id>/<name>@<version>?arch=<arch>&distro=<id>-<VERSION_ID>`: the namespace is the
 * distribution (alpine, wolfi, chainguard), `alpine` when none was detected; `upstream=<origin>` when the
 * origin package has another name.
 */
export function apkPurl(entry: ApkEntry, distro: Distro | undefined): string {
  return makePurl({
    type: 'apk',
    namespace: distro?.id ?? 'alpine',
    name: entry.name,
    version: entry.version,
    qualifiers: {
      arch: entry.architecture,
      distro: distroQualifier(distro),
      upstream: entry.origin && entry.origin !== entry.name ? entry.origin : undefined,
    },
  });
}
