import type { FileEntry, FileTree } from '../../../fs/types.js';
import type { Distro, Package, Unknown } from '../../../sbom/types.js';
import { introducingLayers, locationOf, packageId, unknownFor } from '../../helpers.js';
import type { CatalogContext, Cataloger, CatalogResult } from '../../types.js';
import { apkLicenses } from './licenses.js';
import { type ApkEntry, apkKey, parseApkInstalled } from './parse-installed.js';
import { apkPurl } from './purl.js';

const id = 'apk';
/** apk's database; after the /usr merge /lib links to /usr/lib, and apk-tools 3 may keep it under /usr/lib. */
const installedPaths = ['/lib/apk/db/installed', '/usr/lib/apk/db/installed'];

/** Alpine, Wolfi and Chainguard packages from apk's installed database, with origin, licence and files. */
export const apkCataloger: Cataloger = {
  id,
  version: 1,
  type: 'apk',
  patterns: installedPaths,
  catalog: catalogApk,
};

async function catalogApk({ tree, distro }: CatalogContext): Promise<CatalogResult> {
  const packages: Package[] = [];
  const unknowns: Unknown[] = [];
  const seen = new Set<string>();
  for (const path of installedPaths) {
    const entry = tree.resolve(path);
    if ((entry?.type !== 'file' && entry?.type !== 'hardlink') || seen.has(entry.path)) continue;
    seen.add(entry.path);
    const result = await catalogDatabase(tree, entry, distro);
    packages.push(...result.packages);
    unknowns.push(...result.unknowns);
  }
  return { packages, unknowns };
}

async function catalogDatabase(
  tree: FileTree,
  entry: FileEntry,
  distro: Distro | undefined,
): Promise<CatalogResult> {
  const unknowns: Unknown[] = [];
  let text: string;
  try {
    text = (await tree.readFile(entry.path)).toString('utf8');
  } catch (error) {
    return { packages: [], unknowns: [unknownFor(entry, id, error)] };
  }
  const { entries, problems } = parseApkInstalled(text);
  if (problems.length > 0)
    unknowns.push(unknownFor(entry, id, `${problems.length} unreadable package block(s): ${problems[0]}`));
  const layers = await introducingLayers(tree, entry.path, (content) => installedKeys(content));
  const packages = entries.map((apk) =>
    toPackage(entry, apk, distro, layers.get(apkKey(apk)) ?? entry.layer),
  );
  return { packages, unknowns };
}

function installedKeys(content: Buffer): Set<string> {
  return new Set(parseApkInstalled(content.toString('utf8')).entries.map(apkKey));
}

function toPackage(entry: FileEntry, apk: ApkEntry, distro: Distro | undefined, layer: number): Package {
  const locations = [locationOf(entry)];
  const base = { type: 'apk' as const, name: apk.name, version: apk.version, locations };
  const { name: _name, version: _version, origin, license: _license, ...rest } = apk;
  return {
    id: packageId(base),
    ...base,
    purl: apkPurl(apk, distro),
    licenses: apkLicenses(apk.license),
    layer,
    ...(origin ? { source: { name: origin, version: apk.version } } : {}),
    foundBy: id,
    metadata: { ...rest },
  };
}
