import { makePurl } from '../../../core/purl.js';
import { distroQualifier } from '../../../distro/purl-qualifier.js';
import type { FileEntry, FileTree } from '../../../fs/types.js';
import type { Distro, Location, Package, Unknown } from '../../../sbom/types.js';
import { introducingLayer, locationOf, packageId, unknownFor } from '../../helpers.js';
import type { CatalogContext, Cataloger, CatalogResult } from '../../types.js';
import { type AlpmEntry, parseDesc, parseFiles } from './parse-desc.js';

const id = 'alpm';
const localDir = '/var/lib/pacman/local';

/** Arch Linux packages from pacman's local database: one `<name>-<version>/desc` (+ `files`) each. */
export const alpmCataloger: Cataloger = {
  id,
  version: 1,
  type: 'alpm',
  patterns: [`${localDir}/*/desc`, `${localDir}/*/files`],
  catalog: catalogAlpm,
};

async function catalogAlpm({ tree, distro }: CatalogContext): Promise<CatalogResult> {
  const packages: Package[] = [];
  const unknowns: Unknown[] = [];
  for (const dir of tree.children(localDir)) {
    if (dir.type !== 'dir') continue;
    const desc = tree.get(`${dir.path}/desc`);
    if (desc?.type !== 'file') continue;
    const entry = await readEntry(tree, desc);
    if (typeof entry === 'string') unknowns.push(unknownFor(desc, id, entry));
    else packages.push(await toPackage(tree, desc, entry, distro));
  }
  return { packages, unknowns };
}

async function readEntry(tree: FileTree, desc: FileEntry): Promise<AlpmEntry | string> {
  try {
    return parseDesc((await tree.readFile(desc.path)).toString('utf8')) ?? 'no %NAME% or %VERSION% section';
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function toPackage(
  tree: FileTree,
  desc: FileEntry,
  entry: AlpmEntry,
  distro: Distro | undefined,
): Promise<Package> {
  const locations: Location[] = [locationOf(desc)];
  const filesPath = desc.path.replace(/desc$/, 'files');
  const filesEntry = tree.get(filesPath);
  let files: string[] | undefined;
  if (filesEntry?.type === 'file') {
    files = parseFiles((await tree.readFile(filesPath).catch(() => Buffer.alloc(0))).toString('utf8'));
    locations.push(locationOf(filesEntry));
  }
  const same = (content: Buffer): boolean => {
    const parsed = parseDesc(content.toString('utf8'));
    return parsed?.name === entry.name && parsed.version === entry.version;
  };
  const base = { type: 'alpm' as const, name: entry.name, version: entry.version, locations };
  const { name: _name, version: _version, licenses, base: pkgbase, ...rest } = entry;
  return {
    id: packageId(base),
    ...base,
    purl: alpmPurl(entry, distro),
    licenses,
    layer: (await introducingLayer(tree, desc.path, same)) ?? desc.layer,
    ...(pkgbase ? { source: { name: pkgbase, version: entry.version } } : {}),
    foundBy: id,
    metadata: { ...rest, ...(files ? { files } : {}) },
  };
}

/**
 * `pkg:alpm/<distro id>/<name>@<version>?arch=<arch>&distro=<id>`, namespace `arch` when no distro was
 * detected; `upstream=<pkgbase>` for split packages.
 */
export function alpmPurl(entry: AlpmEntry, distro: Distro | undefined): string {
  return makePurl({
    type: 'alpm',
    namespace: distro?.id ?? 'arch',
    name: entry.name,
    version: entry.version,
    qualifiers: {
      arch: entry.architecture,
      distro: distroQualifier(distro),
      upstream: entry.base && entry.base !== entry.name ? entry.base : undefined,
    },
  });
}
