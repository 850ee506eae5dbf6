import type { FileEntry, FileTree } from '../../../fs/types.js';
import type { Package, Unknown } from '../../../sbom/types.js';
import { introducingLayers, locationOf, packageId, unknownFor } from '../../helpers.js';
import type { Cataloger, CatalogResult } from '../../types.js';
import { goPurl } from '../go-binary/purl.js';
import { type RequiredModule, requiredModules } from './modules.js';
import { parseGoMod } from './parse-go-mod.js';

const ID = 'go-mod';
const PATTERNS = ['**/go.mod'];
/** The module cache holds one go.mod per downloaded module version: sources, not what a program uses. */
const MODULE_CACHE = /\/pkg\/mod\//;

const keyOf = (module: RequiredModule): string => `${module.name}@${module.version}`;

function parse(content: Buffer): RequiredModule[] | string {
  const result = parseGoMod(content.toString('utf8'));
  return result.ok ? requiredModules(result.file) : result.reason;
}

/** Go modules a `go.mod` requires (see requiredModules for what is reported and why). */
export const goModCataloger: Cataloger = {
  id: ID,
  version: 1,
  type: 'golang',
  patterns: PATTERNS,
  async catalog({ tree }): Promise<CatalogResult> {
    const packages: Package[] = [];
    const unknowns: Unknown[] = [];
    for (const entry of tree.glob(PATTERNS)) {
      if ((entry.type !== 'file' && entry.type !== 'hardlink') || MODULE_CACHE.test(entry.path)) continue;
      const modules = await tree.readFile(entry).then(parse, (error: unknown) => String(error));
      if (typeof modules === 'string') {
        unknowns.push(unknownFor(entry, ID, modules));
        continue;
      }
      const layers = await layersOf(tree, entry);
      packages.push(
        ...modules.map((module) => toPackage(module, entry, layers.get(keyOf(module)) ?? entry.layer)),
      );
    }
    return { packages, unknowns };
  },
};

async function layersOf(tree: FileTree, entry: FileEntry): Promise<Map<string, number>> {
  if (tree.versions(entry.path).length < 2) return new Map();
  return introducingLayers(tree, entry.path, (content) => {
    const older = parse(content);
    return new Set(typeof older === 'string' ? [] : older.map(keyOf));
  });
}

function toPackage(module: RequiredModule, entry: FileEntry, layer: number): Package {
  const pkg: Omit<Package, 'id'> = {
    type: 'golang',
    name: module.name,
    version: module.version,
    purl: goPurl(module.name, module.version),
    licenses: [],
    locations: [locationOf(entry)],
    layer,
    foundBy: ID,
    metadata: module.metadata,
  };
  return { id: packageId(pkg), ...pkg };
}
