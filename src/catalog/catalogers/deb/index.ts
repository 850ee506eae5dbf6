import type { FileEntry, FileTree } from '../../../fs/types.js';
import type { Distro, Location, Package, Unknown } from '../../../sbom/types.js';
import { introducingLayer, introducingLayers, locationOf, packageId, unknownFor } from '../../helpers.js';
import type { CatalogContext, Cataloger, CatalogResult } from '../../types.js';
import { dpkgInfoList, md5sumsList, type OwnedFiles, readText } from './owned-files.js';
import { licensesFromCopyright } from './parse-copyright.js';
import { type DebEntry, debKey, isInstalled, parseDebStatus } from './parse-status.js';
import { debPurl } from './purl.js';

const id = 'deb';
const statusPath = '/var/lib/dpkg/status';
const statusDir = '/var/lib/dpkg/status.d';

/** One database file (the status file, or one status.d file) and the installed entries it lists. */
interface Database {
  entry: FileEntry;
  entries: DebEntry[];
  layers: (entry: DebEntry) => Promise<number | undefined>;
  ownedFiles: (entry: DebEntry) => Promise<OwnedFiles | undefined>;
}

/**
 * Debian packages from dpkg's database: `/var/lib/dpkg/status`, or the one-package-per-file
 * `/var/lib/dpkg/status.d/*` of distroless images. Files from `info/*.list` (status.d: the `.md5sums`
 * sibling), licences from `/usr/share/doc/<name>/copyright`.
 */
export const debCataloger: Cataloger = {
  id,
  version: 1,
  type: 'deb',
  patterns: [statusPath, `${statusDir}/*`, '/var/lib/dpkg/info/*.list', '/usr/share/doc/*/copyright'],
  catalog: catalogDeb,
};

async function catalogDeb({ tree, distro }: CatalogContext): Promise<CatalogResult> {
  const unknowns: Unknown[] = [];
  const databases = [...(await statusDatabase(tree, unknowns)), ...(await statusDDatabases(tree, unknowns))];
  const packages: Package[] = [];
  for (const database of databases) {
    for (const entry of database.entries) packages.push(await toPackage(tree, database, entry, distro));
  }
  return { packages, unknowns };
}

async function readDatabase(
  tree: FileTree,
  path: string,
  unknowns: Unknown[],
): Promise<DebEntry[] | undefined> {
  const entry = tree.get(path)!;
  const text = await readText(tree, path);
  if (text === undefined) {
    unknowns.push(unknownFor(entry, id, 'cannot read the dpkg database file'));
    return undefined;
  }
  const { entries, problems } = parseDebStatus(text);
  if (problems.length > 0)
    unknowns.push(unknownFor(entry, id, `${problems.length} unreadable paragraph(s): ${problems[0]}`));
  return entries.filter(isInstalled);
}

async function statusDatabase(tree: FileTree, unknowns: Unknown[]): Promise<Database[]> {
  const entry = tree.get(statusPath);
  if (entry?.type !== 'file') return [];
  const entries = await readDatabase(tree, statusPath, unknowns);
  if (!entries) return [];
  const layers = await introducingLayers(tree, statusPath, (content) => installedKeys(content));
  return [
    {
      entry,
      entries,
      layers: async (pkg) => layers.get(debKey(pkg)),
      ownedFiles: (pkg) => dpkgInfoList(tree, pkg.name, pkg.architecture),
    },
  ];
}

async function statusDDatabases(tree: FileTree, unknowns: Unknown[]): Promise<Database[]> {
  const databases: Database[] = [];
  for (const child of tree.children(statusDir)) {
    if (child.type !== 'file' || child.path.endsWith('.md5sums')) continue;
    const entries = await readDatabase(tree, child.path, unknowns);
    if (!entries) continue;
    databases.push({
      entry: child,
      entries,
      layers: (pkg) =>
        introducingLayer(tree, child.path, (content) => installedKeys(content).has(debKey(pkg))),
      ownedFiles: async (pkg) =>
        (await md5sumsList(tree, `${child.path}.md5sums`)) ?? dpkgInfoList(tree, pkg.name, pkg.architecture),
    });
  }
  return databases;
}

function installedKeys(content: Buffer): Set<string> {
  return new Set(parseDebStatus(content.toString('utf8')).entries.filter(isInstalled).map(debKey));
}

async function toPackage(
  tree: FileTree,
  database: Database,
  entry: DebEntry,
  distro: Distro | undefined,
): Promise<Package> {
  const locations: Location[] = [locationOf(database.entry)];
  const owned = await database.ownedFiles(entry);
  if (owned) locations.push(locationOf(owned.entry));
  const copyrightPath = `/usr/share/doc/${entry.name}/copyright`;
  const copyright = await readText(tree, copyrightPath);
  if (copyright !== undefined) locations.push(locationOf(tree.resolve(copyrightPath)!));
  const base = { type: 'deb' as const, name: entry.name, version: entry.version, locations };
  // packageId does not see the architecture: libssl3:amd64 and libssl3:i386 share name, version and status
  // file, so the architecture goes into the name the id is derived from
  const idName = entry.architecture ? `${entry.name}:${entry.architecture}` : entry.name;
  return {
    id: packageId({ ...base, name: idName }),
    ...base,
    purl: debPurl(entry, distro),
    licenses: copyright === undefined ? [] : licensesFromCopyright(copyright),
    layer: (await database.layers(entry)) ?? database.entry.layer,
    source: entry.source,
    foundBy: id,
    metadata: metadataOf(entry, owned),
  };
}

function metadataOf(entry: DebEntry, owned: OwnedFiles | undefined): Record<string, unknown> {
  const metadata: Record<string, unknown> = {};
  if (entry.architecture) metadata.architecture = entry.architecture;
  if (entry.maintainer) metadata.maintainer = entry.maintainer;
  if (entry.installedSize !== undefined) metadata.installedSize = entry.installedSize;
  if (entry.multiArch) metadata.multiArch = entry.multiArch;
  if (owned) metadata.files = owned.files;
  return metadata;
}
