import type { Distro } from '../sbom/types.js';
import { parseOsRelease } from './os-release.js';

/**
 * The distribution-specific release files older images carry instead of (or beside) os-release. Each parser
 * takes the file's text and returns what it says, or undefined when the text is not what that file holds.
 * Versions follow what os-release would say for the same release (CentOS and Debian: the major number).
 */
export type ReleaseFileParser = (text: string) => Distro | undefined;

const firstLine = (text: string): string => text.split(/\r?\n/, 1)[0]!.trim();

export const parseAlpineRelease: ReleaseFileParser = (text) => {
  const version = firstLine(text);
  return /^\d+\.\d+/.test(version) ? { id: 'alpine', versionId: version } : undefined;
};

/** `/etc/debian_version`: `12.4` on a release, `trixie/sid` on testing and unstable. */
export const parseDebianVersion: ReleaseFileParser = (text) => {
  const value = firstLine(text);
  const number = /^(\d+)(?:\.\d+)*$/.exec(value);
  if (number) return { id: 'debian', versionId: number[1]! };
  const codename = /^([a-z]+)\/sid$/.exec(value);
  if (codename) return { id: 'debian', codename: codename[1]! };
  return undefined;
};

/** `/etc/lsb-release` (Ubuntu and derivatives): `DISTRIB_ID`, `DISTRIB_RELEASE`, `DISTRIB_CODENAME`. */
export const parseLsbRelease: ReleaseFileParser = (text) => {
  const fields = parseOsRelease(text);
  const id = fields.get('DISTRIB_ID')?.toLowerCase();
  if (!id) return undefined;
  return withDefined({
    id,
    versionId: fields.get('DISTRIB_RELEASE'),
    codename: fields.get('DISTRIB_CODENAME'),
    prettyName: fields.get('DISTRIB_DESCRIPTION'),
  });
};

/** Product name prefixes of the `<product> release <version> (<codename>)` line, and their os-release IDs. */
const releaseLineIds: readonly [RegExp, string][] = [
  [/^Red Hat Enterprise Linux/i, 'rhel'],
  [/^CentOS/i, 'centos'],
  [/^Fedora/i, 'fedora'],
  [/^Rocky Linux/i, 'rocky'],
  [/^AlmaLinux/i, 'almalinux'],
  [/^Oracle Linux/i, 'ol'],
  [/^Amazon Linux/i, 'amzn'],
  [/^Scientific Linux/i, 'scientific'],
];

/** redhat-release, centos-release, fedora-release, system-release: `<product> release <version> (<codename>)`. */
export const parseReleaseLine: ReleaseFileParser = (text) => {
  const line = firstLine(text);
  const match = /^(.*?)\s+release\s+(\S+)(?:\s+\(([^)]*)\))?/i.exec(line);
  if (!match) return undefined;
  const id = releaseLineIds.find(([pattern]) => pattern.test(match[1]!))?.[1];
  if (!id) return undefined;
  // CentOS's os-release says VERSION_ID="7" where centos-release says 7.9.2009
  const versionId = id === 'centos' ? match[2]!.split('.')[0]! : match[2]!;
  return withDefined({ id, versionId, codename: match[3], prettyName: line });
};

/** `/etc/SuSE-release` (SLES 11/12, old openSUSE): a product line, then `VERSION = ` and `PATCHLEVEL = `. */
export const parseSuseRelease: ReleaseFileParser = (text) => {
  const line = firstLine(text);
  const id = /^SUSE Linux Enterprise Server/i.test(line)
    ? 'sles'
    : /^SUSE Linux Enterprise Desktop/i.test(line)
      ? 'sled'
      : /^openSUSE Leap/i.test(line)
        ? 'opensuse-leap'
        : /^openSUSE/i.test(line)
          ? 'opensuse'
          : undefined;
  if (!id) return undefined;
  const version = /^VERSION\s*=\s*(\S+)/m.exec(text)?.[1];
  const patch = /^PATCHLEVEL\s*=\s*(\d+)/m.exec(text)?.[1];
  const versionId = version && patch && !version.includes('.') ? `${version}.${patch}` : version;
  return withDefined({ id, versionId, prettyName: line.replace(/\s*\([^)]*\)\s*$/, '') });
};

export const parseArchRelease: ReleaseFileParser = () => ({ id: 'arch' });

/** Drops undefined and empty fields (exactOptionalPropertyTypes). */
export function withDefined(fields: Record<string, string | string[] | boolean | undefined>): Distro {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out as unknown as Distro;
}
