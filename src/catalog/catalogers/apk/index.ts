import type { FileTree } from '../../../fs/types.js';
import type { Distro, Package, Unknown } from '../../../sbom/types.js';
import { introducingLayers, locationOf, packageId, unknownFor } from '../../helpers.js';
import type { CatalogContext, Cataloger, CatalogResult } from '../../types.js';
import { apkLicenses } from './licenses.js';
import { type ApkEntry, apkKey, parseApkInstalled } from './parse-installed.js';
import { apkPurl } from './purl.js';

const id = 'apk';
const installedPath = '/lib/apk/db/installed';

/** Alpine, Wolfi and Chainguard packages from apk's installed database, with origin, licence and files. */
export const apkCataloger: Cataloger = {
  id,
  version: 1,
  type: 'apk',
  patterns: [installedPath],
  catalog: catalogApk,
};

async function catalogApk({ tree, distro }: CatalogContext): Promise<CatalogResult> {
  const entry = tree.get(installedPath);
  if (entry?.type !== 'file' && entry?.type !== 'hardlink') return { packages: [], unknowns: [] };
  const unknowns: Unknown[] = [];
  let text: string;
  try {
    text = (await tree.readFile(installedPath)).toString('utf8');
  } catch (error) {
    return { packages: [], unknowns: [unknownFor(entry, id, error)] };
  }
  const { entries, problems } = parseApkInstalled(text);
  if (problems.length > 0)
    unknowns.push(unknownFor(entry, id, `${problems.length} unreadable package block(s): ${problems[0]}`));
  if (entries.length === 0 && problems.length === 0 && text.trim() !== '')
    unknowns.push(unknownFor(entry, id, 'no package blocks'));
  const layers = await introducingLayers(tree, installedPath, (content) => installedKeys(content));
  const packages = entries.map((apk) => toPackage(tree, apk, distro, layers.get(apkKey(apk)) ?? entry.layer));
  return { packages, unknowns };
}

function installedKeys(content: Buffer): Set<string> {
  return new Set(parseApkInstalled(content.toString('utf8')).entries.map(apkKey));
}

function toPackage(tree: FileTree, apk: ApkEntry, distro: Distro | undefined, layer: number): Package {
  const locations = [locationOf(tree.get(installedPath)!)];
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
