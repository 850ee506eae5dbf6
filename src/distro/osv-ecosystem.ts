import { debianEcosystem } from '../advisories/ecosystems.js';
import type { Distro } from '../sbom/types.js';

/**
 * The OSV ecosystem (schema 1.7, `ecosystems.json` of ossf/osv-schema) whose advisories describe a
 * distribution's packages. What each maps to, and why:
 *
 * | os-release ID | OSV ecosystem | rule |
 * |---|---|---|
 * | debian | `Debian:12` | VERSION_ID; testing/sid have none: the codename's number (`trixie` → 13), `Debian:unstable` |
 * | ubuntu | `Ubuntu:22.04:LTS`, `Ubuntu:23.10` | OSV requires the `:LTS` suffix on LTS releases (even-year `.04`) |
 * | alpine | `Alpine:v3.18` | `v` + major.minor of VERSION_ID (3.18.4); the `v` is mandatory |
 * | almalinux, rocky | `AlmaLinux:9`, `Rocky Linux:9` | major version |
 * | rhel | `Red Hat:enterprise_linux:9` | OSV suffixes are Red Hat CPEs per stream (`…:9::baseos`, `…::appstream`): this is their common prefix, which the matcher must treat as a prefix |
 * | sles, sled | `SUSE:Linux Enterprise Server 15 SP5` | the product's marketing name; SUSE also files packages under module names (`…Module for Basesystem 15 SP5`) and support-phase suffixes (`-LTSS`), so the matcher should treat this as a hint within `SUSE` |
 * | opensuse-leap, opensuse-tumbleweed | `openSUSE:Leap 15.5`, `openSUSE:Tumbleweed` | |
 * | azurelinux, mariner | `Azure Linux:3`, `Azure Linux:2` | CBL-Mariner 2 is Azure Linux 2 in OSV |
 * | photon | `Photon OS:5.0` | VERSION_ID as written |
 * | mageia | `Mageia:9` | |
 * | wolfi, chainguard, minimos | `Wolfi`, `Chainguard`, `MinimOS` | rolling: no release suffix |
 * | amzn, arch, fedora, centos, ol, others | undefined | OSV has no ecosystem for them (Amazon's ALAS, Arch's tracker, Oracle's ELSA are separate feeds) |
 */
export function osvEcosystem(distro: Distro): string | undefined {
  const version = distro.versionId;
  const major = version?.split('.')[0];
  switch (distro.id) {
    case 'debian':
      return debianSuffix(distro);
    case 'ubuntu':
      return version ? `Ubuntu:${version}${isUbuntuLts(version) ? ':LTS' : ''}` : undefined;
    case 'alpine': {
      const branch = /^(\d+\.\d+)/.exec(version ?? '')?.[1];
      return branch ? `Alpine:v${branch}` : undefined;
    }
    case 'almalinux':
      return major ? `AlmaLinux:${major}` : 'AlmaLinux';
    case 'rocky':
      return major ? `Rocky Linux:${major}` : 'Rocky Linux';
    case 'rhel':
      return major ? `Red Hat:enterprise_linux:${major}` : 'Red Hat';
    case 'sles':
    case 'sled':
      return suseEcosystem(distro.id, version);
    case 'opensuse-leap':
      return version ? `openSUSE:Leap ${version}` : undefined;
    case 'opensuse-tumbleweed':
      return 'openSUSE:Tumbleweed';
    case 'azurelinux':
    case 'mariner':
      return major ? `Azure Linux:${major}` : undefined;
    case 'photon':
      return version ? `Photon OS:${version}` : undefined;
    case 'mageia':
      return major ? `Mageia:${major}` : undefined;
    default:
      return rollingEcosystems[distro.id];
  }
}

const rollingEcosystems: Record<string, string> = {
  wolfi: 'Wolfi',
  chainguard: 'Chainguard',
  minimos: 'MinimOS',
};

function debianSuffix(distro: Distro): string {
  if (distro.versionId) return `Debian:${distro.versionId.split('.')[0]}`;
  if (distro.codename) return debianEcosystem(distro.codename);
  return 'Debian';
}

/** Ubuntu's LTS releases are the April releases of even years (6.06 aside, long out of support). */
function isUbuntuLts(version: string): boolean {
  const match = /^(\d\d)\.04$/.exec(version);
  return match !== null && Number(match[1]) % 2 === 0;
}

/** VERSION_ID 15.5 → `15 SP5`; 15 (or 15.0) → `15`. */
function suseEcosystem(id: string, version: string | undefined): string {
  if (!version) return 'SUSE';
  const [major, minor] = version.split('.');
  const product = id === 'sles' ? 'Server' : 'Desktop';
  const servicePack = minor && minor !== '0' ? ` SP${minor}` : '';
  return `SUSE:Linux Enterprise ${product} ${major}${servicePack}`;
}
