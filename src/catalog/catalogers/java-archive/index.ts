import type { FileEntry, FileTree } from '../../../fs/types.js';
import type { Package, Unknown } from '../../../sbom/types.js';
import { introducingLayers, unknownFor } from '../../helpers.js';
import type { Cataloger, CatalogResult } from '../../types.js';
import { CATALOGER_ID, identityKey, javaPackage } from './packages.js';
import { type ScanLimits, type ScanResult, scanArchive } from './scan-archive.js';

const PATTERNS = ['**/*.jar', '**/*.war', '**/*.ear', '**/*.jpi', '**/*.hpi'];
const MAX_NESTING = 3;

/**
 * Java archives: Maven coordinates from pom.properties, else the manifest, else the file name, for every
 * archive and the archives nested in it (`/app.war!/WEB-INF/lib/x.jar`).
 */
export const javaArchiveCataloger: Cataloger = {
  id: CATALOGER_ID,
  version: 1,
  type: 'maven',
  patterns: PATTERNS,
  async catalog({ tree, limits }): Promise<CatalogResult> {
    const scanLimits: ScanLimits = { maxDepth: MAX_NESTING, maxBytes: limits.maxFileBytes };
    const packages: Package[] = [];
    const unknowns: Unknown[] = [];
    for (const entry of tree.glob(PATTERNS)) {
      if (entry.type !== 'file' && entry.type !== 'hardlink') continue;
      const found = await catalogArchive(tree, entry, scanLimits, limits.maxFileBytes);
      packages.push(...found.packages);
      unknowns.push(...found.unknowns);
    }
    return { packages, unknowns };
  },
};

async function catalogArchive(
  tree: FileTree,
  entry: FileEntry,
  limits: ScanLimits,
  maxFileBytes: number,
): Promise<CatalogResult> {
  if (entry.size > maxFileBytes) {
    const reason = `archive is ${entry.size} bytes, over the ${maxFileBytes}-byte read limit (raise --max-file-bytes)`;
    return { packages: [], unknowns: [unknownFor(entry, CATALOGER_ID, reason)] };
  }
  let scan: ScanResult;
  try {
    scan = await scanArchive(await tree.readFile(entry), entry.path, limits);
  } catch (error) {
    return { packages: [], unknowns: [unknownFor(entry, CATALOGER_ID, error)] };
  }
  const layers = await layersOf(tree, entry, limits);
  const packages = scan.archives.flatMap((archive) =>
    archive.identities.map((identity) =>
      javaPackage(
        identity,
        archive.path,
        entry.layer,
        layers?.get(identityKey(archive.path, identity)) ?? entry.layer,
      ),
    ),
  );
  const unknowns = scan.problems.map((problem) =>
    unknownFor({ path: problem.path, layer: entry.layer }, CATALOGER_ID, problem.reason),
  );
  return { packages, unknowns };
}

/** Introducing layers when the archive was written more than once (same coordinates in an older write win). */
async function layersOf(
  tree: FileTree,
  entry: FileEntry,
  limits: ScanLimits,
): Promise<Map<string, number> | undefined> {
  if (tree.versions(entry.path).length < 2) return undefined;
  return introducingLayers(tree, entry.path, async (content) => {
    const scan = await scanArchive(content, entry.path, limits);
    return new Set(
      scan.archives.flatMap((a) => a.identities.map((identity) => identityKey(a.path, identity))),
    );
  });
}
