import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { memoryImage, memoryLayer } from '../../../../../test/support/layers.js';
import type { Limits } from '../../../../core/limits.js';
import { readDirectoryTree } from '../../../../fs/read-directory-tree.js';
import { readImageTree } from '../../../../fs/read-image-tree.js';
import { type CatalogRun, runCatalogers, selectorFor } from '../../../run.js';
import type { Cataloger } from '../../../types.js';

/** Image paths (absolute) to file contents. */
export type Files = Record<string, string | Buffer>;

/** Runs catalogers over a real directory holding `files` (fs:// semantics, every entry in layer 0). */
export async function catalogDirectory(
  files: Files,
  catalogers: Cataloger[],
  limits?: Partial<Limits>,
): Promise<CatalogRun> {
  const root = mkdtempSync(join(tmpdir(), 'crowsnest-lang-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    const tree = await readDirectoryTree(root);
    try {
      return await runCatalogers(tree, catalogers, limits ? { limits } : {});
    } finally {
      await tree.close();
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

/**
 * Runs catalogers over an in-memory image whose layers write `layers[i]` (earliest first); only the files
 * the catalogers' patterns select are kept while the layers stream by, as in a real scan.
 */
export async function catalogLayers(layers: Files[], catalogers: Cataloger[]): Promise<CatalogRun> {
  const built = await Promise.all(
    layers.map((files) =>
      memoryLayer(
        Object.entries(files).map(([path, content]) => ({ name: path.replace(/^\//, ''), content })),
      ),
    ),
  );
  const tree = await readImageTree(memoryImage(built), { select: selectorFor(catalogers) });
  try {
    return await runCatalogers(tree, catalogers);
  } finally {
    await tree.close();
  }
}

/** `name@version layer path` lines, sorted: one readable string per package for table assertions. */
export function summary(run: CatalogRun): string[] {
  return run.packages.map((p) => `${p.name}@${p.version} L${p.layer} ${p.locations[0]!.path}`).sort();
}
