import type { FileTree } from '../fs/types.js';
import type { Distro } from '../sbom/types.js';
import { parseOsRelease } from './os-release.js';
import {
  parseAlpineRelease,
  parseArchRelease,
  parseDebianVersion,
  parseLsbRelease,
  parseReleaseLine,
  parseSuseRelease,
  type ReleaseFileParser,
  withDefined,
} from './release-files.js';

const osReleasePaths = ['/etc/os-release', '/usr/lib/os-release'] as const;

/**
 * Release files for images without os-release, most specific first: Ubuntu also has debian_version and
 * CentOS also has redhat-release, so those come after the files that name the distribution exactly.
 */
const releaseFiles: readonly [string, ReleaseFileParser][] = [
  ['/etc/alpine-release', parseAlpineRelease],
  ['/etc/lsb-release', parseLsbRelease],
  ['/etc/centos-release', parseReleaseLine],
  ['/etc/fedora-release', parseReleaseLine],
  ['/etc/redhat-release', parseReleaseLine],
  ['/etc/system-release', parseReleaseLine],
  ['/etc/SuSE-release', parseSuseRelease],
  ['/etc/arch-release', parseArchRelease],
  ['/etc/debian_version', parseDebianVersion],
];

/** Every file detectDistro reads: their contents must be kept while layers stream by. */
export const distroPatterns: readonly string[] = [...osReleasePaths, ...releaseFiles.map(([path]) => path)];

/**
 * Full package databases. An image with distro files but none of these is "distroless" (Google's distroless
 * images carry only `/var/lib/dpkg/status.d/*`, one file per package).
 */
export const packageDatabasePaths: readonly string[] = [
  '/var/lib/dpkg/status',
  '/lib/apk/db/installed',
  '/usr/lib/apk/db/installed',
  '/var/lib/pacman/local',
  ...['/var/lib/rpm', '/usr/lib/sysimage/rpm', '/usr/share/rpm'].flatMap((dir) => [
    `${dir}/rpmdb.sqlite`,
    `${dir}/Packages`,
    `${dir}/Packages.db`,
  ]),
];

/** Release files are a few hundred bytes; anything far bigger is not one. */
const maxReleaseFileBytes = 64 * 1024;

/**
 * The distribution of an image: os-release first (`/etc`, then `/usr/lib`, symlinks followed inside the
 * tree), then the older release files. Undefined when nothing says.
 */
export async function detectDistro(tree: FileTree): Promise<Distro | undefined> {
  let distro = await fromOsRelease(tree);
  if (!distro) {
    for (const [path, parse] of releaseFiles) {
      const text = await readSmall(tree, path);
      distro = text === undefined ? undefined : parse(text);
      if (distro) break;
    }
  }
  if (!distro) return undefined;
  if (distro.id === 'debian' && !distro.versionId) distro = await withDebianVersion(tree, distro);
  return isDistroless(tree) ? { ...distro, distroless: true } : distro;
}

async function fromOsRelease(tree: FileTree): Promise<Distro | undefined> {
  for (const path of osReleasePaths) {
    const text = await readSmall(tree, path);
    if (text === undefined) continue;
    const fields = parseOsRelease(text);
    const id = fields.get('ID')?.toLowerCase();
    if (!id) continue;
    return withDefined({
      id,
      versionId: fields.get('VERSION_ID'),
      codename: fields.get('VERSION_CODENAME') ?? ubuntuCodename(fields),
      name: fields.get('NAME'),
      prettyName: fields.get('PRETTY_NAME'),
      idLike: fields.get('ID_LIKE')?.toLowerCase().split(/\s+/).filter(Boolean),
    });
  }
  return undefined;
}

/** Older Ubuntu os-release files have no VERSION_CODENAME but `UBUNTU_CODENAME`. */
function ubuntuCodename(fields: Map<string, string>): string | undefined {
  return fields.get('UBUNTU_CODENAME');
}

/** Debian testing and sid have no VERSION_ID; debian_version names the codename (`trixie/sid`). */
async function withDebianVersion(tree: FileTree, distro: Distro): Promise<Distro> {
  const text = await readSmall(tree, '/etc/debian_version');
  const fallback = text === undefined ? undefined : parseDebianVersion(text);
  if (!fallback) return distro;
  return { ...fallback, ...distro };
}

function isDistroless(tree: FileTree): boolean {
  return !packageDatabasePaths.some((path) => tree.resolve(path) !== undefined);
}

async function readSmall(tree: FileTree, path: string): Promise<string | undefined> {
  const entry = tree.resolve(path);
  if (entry?.type !== 'file' && entry?.type !== 'hardlink') return undefined;
  if (entry.size > maxReleaseFileBytes) return undefined;
  try {
    return (await tree.readFile(path)).toString('utf8');
  } catch {
    return undefined;
  }
}
