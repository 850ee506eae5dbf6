import { makePurl } from '../../../core/purl.js';
import { distroQualifier } from '../../../distro/purl-qualifier.js';
import type { Distro } from '../../../sbom/types.js';
import type { RpmHeader } from './header.js';

/**
 * `pkg:rpm/<distro id>/<name>@<version>-<release>?arch=<arch>&epoch=<n>&distro=<id>-<VERSION_ID>&upstream=<source rpm>`
 * as the purl spec's rpm examples and other scanners write it; no namespace when no distro was detected.
 */
export function rpmPurl(header: RpmHeader, distro: Distro | undefined): string {
  return makePurl({
    type: 'rpm',
    namespace: distro?.id,
    name: header.name,
    version: `${header.version}-${header.release}`,
    qualifiers: {
      arch: header.arch,
      epoch: header.epoch === undefined ? undefined : String(header.epoch),
      distro: distroQualifier(distro),
      upstream: header.sourceRpm,
    },
  });
}

/** `[epoch:]version-release`, the form rpm compares (and `rpm -q --qf '%{EVR}'` prints). */
export function rpmVersion(header: RpmHeader): string {
  const vr = `${header.version}-${header.release}`;
  return header.epoch === undefined ? vr : `${header.epoch}:${vr}`;
}

/**
 * `bash-5.1.8-6.el9.src.rpm` → bash, 5.1.8-6.el9. rpm records no epoch for the source package; the binary's
 * is the one built from the same spec, so it is carried over.
 */
export function sourceOfRpm(header: RpmHeader): { name: string; version: string } | undefined {
  const match = /^(.+)-([^-]+)-([^-]+)\.(?:no)?src\.rpm$/.exec(header.sourceRpm ?? '');
  if (!match) return undefined;
  const vr = `${match[2]}-${match[3]}`;
  return { name: match[1]!, version: header.epoch === undefined ? vr : `${header.epoch}:${vr}` };
}
