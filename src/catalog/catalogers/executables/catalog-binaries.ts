import type { FileEntry, FileTree } from '../../../fs/types.js';
import type { Package, Unknown } from '../../../sbom/types.js';
import { introducingLayers, unknownFor } from '../../helpers.js';
import type { CatalogContext, CatalogResult } from '../../types.js';
import { type BinaryFormat, scanExecutable, sniffFormat, wantsExecutable } from './format.js';

/** What a binary parser says about one file: not its kind, broken, or what it found. */
export type BinaryOutcome<T> =
  | { kind: 'none' }
  | { kind: 'error'; reason: string }
  | { kind: 'found'; value: T };

export interface BinarySpec<T> {
  id: string;
  /** Bytes every binary of interest holds (a magic, a section name): files without them are not read whole. */
  needle: Buffer;
  parse: (data: Buffer, format: BinaryFormat) => BinaryOutcome<T>;
  /** Identities of what was found (`name@version`), to tell which layer introduced each. */
  keys: (value: T) => string[];
  /** Packages for one binary; `layerOf(key)` is the introducing layer of the identity `key`. */
  packages: (value: T, entry: FileEntry, layerOf: (key: string) => number) => Package[];
}

/**
 * The common loop of the binary catalogers: every executable the content selector kept is streamed once,
 * checked by its first bytes (ELF, Mach-O, PE) and searched for the spec's needle; only files holding it are
 * read whole and parsed. Files of no interest are skipped silently; broken ones and ones over the read
 * limit become unknowns.
 */
export async function catalogBinaries<T>(
  context: CatalogContext,
  spec: BinarySpec<T>,
): Promise<CatalogResult> {
  const packages: Package[] = [];
  const unknowns: Unknown[] = [];
  for (const entry of executables(context.tree)) {
    try {
      const scan = await scanExecutable(context.tree, entry, spec.needle);
      if (!scan?.found) continue;
      if (entry.size > context.limits.maxFileBytes) {
        const reason = `${scan.format} binary is ${entry.size} bytes, over the ${context.limits.maxFileBytes}-byte read limit (raise --max-file-bytes)`;
        unknowns.push(unknownFor(entry, spec.id, reason));
        continue;
      }
      const outcome = spec.parse(await context.tree.readFile(entry), scan.format);
      if (outcome.kind === 'error') unknowns.push(unknownFor(entry, spec.id, outcome.reason));
      if (outcome.kind !== 'found') continue;
      const layers = await layersOf(context.tree, entry, spec);
      packages.push(...spec.packages(outcome.value, entry, (key) => layers?.get(key) ?? entry.layer));
    } catch (error) {
      unknowns.push(unknownFor(entry, spec.id, error));
    }
  }
  return { packages, unknowns };
}

/**
 * The files `wantsExecutable` selected: regular files (and hardlinks) with an execute bit whose content
 * was kept (the layer walk keeps only executables holding a cataloger's needle; re-reading the others
 * from their layers would cost a layer pass each).
 */
export function executables(tree: FileTree): FileEntry[] {
  return tree
    .entries()
    .filter(
      (e) =>
        (e.type === 'file' || e.type === 'hardlink') &&
        wantsExecutable(e.path, e.size, e.mode) &&
        tree.retained(e),
    );
}

async function layersOf<T>(
  tree: FileTree,
  entry: FileEntry,
  spec: BinarySpec<T>,
): Promise<Map<string, number> | undefined> {
  if (tree.versions(entry.path).length < 2) return undefined;
  return introducingLayers(tree, entry.path, (content) => {
    const format = sniffFormat(content.subarray(0, 16));
    const outcome = format ? spec.parse(content, format) : undefined;
    return new Set(outcome?.kind === 'found' ? spec.keys(outcome.value) : []);
  });
}
