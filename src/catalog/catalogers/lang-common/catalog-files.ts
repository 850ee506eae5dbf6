import type { FileEntry, FileTree } from '../../../fs/types.js';
import type { Location, Package, PackageType } from '../../../sbom/types.js';
import { introducingLayers, locationOf, packageId, unknownFor } from '../../helpers.js';
import type { CatalogResult } from '../../types.js';
import { keyOf, type ParsedPackage, type ParseResult, uniquePackages } from './parsed.js';

/** Extra evidence a cataloger attaches to a package after parsing (a RECORD file, a file count). */
export interface Enrichment {
  locations?: Location[];
  metadata?: Record<string, unknown>;
}

export interface FileCatalogSpec {
  id: string;
  type: PackageType;
  /** The evidence files, already filtered (regular files only; see `regularFiles`). */
  files: FileEntry[];
  parse: (content: Buffer, entry: FileEntry) => ParseResult;
  purl: (pkg: ParsedPackage) => string;
  /** Optional second step with tree access, for evidence beside the parsed file. */
  enrich?: (pkg: ParsedPackage, entry: FileEntry, tree: FileTree) => Promise<Enrichment | undefined>;
}

/** Regular files (and hardlinks to them) among the entries a glob found. */
export function regularFiles(entries: FileEntry[]): FileEntry[] {
  return entries.filter((e) => e.type === 'file' || e.type === 'hardlink');
}

/**
 * The common loop of file-based catalogers: read each evidence file, parse it, and turn every parsed package
 * into a Package carrying its evidence location and the layer that introduced that name@version. A file
 * that cannot be read or parsed becomes an Unknown; the other files go on.
 */
export async function catalogFiles(tree: FileTree, spec: FileCatalogSpec): Promise<CatalogResult> {
  const result: CatalogResult = { packages: [], unknowns: [] };
  for (const entry of spec.files) {
    let content: Buffer;
    try {
      content = await tree.readFile(entry);
    } catch (error) {
      result.unknowns.push(unknownFor(entry, spec.id, error));
      continue;
    }
    const parsed = spec.parse(content, entry);
    if (!parsed.ok) {
      result.unknowns.push(unknownFor(entry, spec.id, parsed.reason));
      continue;
    }
    const packages = uniquePackages(parsed.packages);
    const layers = await layersOf(tree, entry, spec);
    for (const pkg of packages) {
      result.packages.push(await toPackage(tree, entry, pkg, layers.get(keyOf(pkg)) ?? entry.layer, spec));
    }
  }
  return result;
}

/** Introducing layers by name@version; only worth computing when several layers wrote the file. */
async function layersOf(
  tree: FileTree,
  entry: FileEntry,
  spec: FileCatalogSpec,
): Promise<Map<string, number>> {
  if (tree.versions(entry.path).length < 2) return new Map();
  return introducingLayers(tree, entry.path, (content) => {
    const older = spec.parse(content, entry);
    return new Set(older.ok ? older.packages.map(keyOf) : []);
  });
}

async function toPackage(
  tree: FileTree,
  entry: FileEntry,
  pkg: ParsedPackage,
  layer: number,
  spec: FileCatalogSpec,
): Promise<Package> {
  const extra = spec.enrich ? await spec.enrich(pkg, entry, tree) : undefined;
  const locations = [locationOf(entry), ...(extra?.locations ?? [])];
  const metadata = { ...pkg.metadata, ...extra?.metadata };
  return {
    id: packageId({ type: spec.type, name: pkg.name, version: pkg.version, locations }),
    type: spec.type,
    name: pkg.name,
    version: pkg.version,
    purl: spec.purl(pkg),
    licenses: pkg.licenses ?? [],
    locations,
    layer,
    foundBy: spec.id,
    ...(Object.keys(metadata).length ? { metadata } : {}),
  };
}
