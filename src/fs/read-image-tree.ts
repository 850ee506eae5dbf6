import { AppError } from '../core/errors.js';
import { type Limits, resolveLimits } from '../core/limits.js';
import type { Image } from '../image/types.js';
import { LayerApplier } from './apply-layer.js';
import { ImageContent } from './image-content.js';
import { walkLayer } from './layer-walk.js';
import { SquashedTree } from './squashed-tree.js';
import { Tree } from './tree.js';
import type { ContentSelector, FileEntry, FileTree, LayerSummary } from './types.js';

export interface ReadTreeOptions {
  limits?: Partial<Limits>;
  /** Files whose content to keep while streaming (others are re-read from their layer on demand). */
  select?: ContentSelector;
  /** Progress: called after each layer is applied. */
  onLayer?: (summary: LayerSummary, total: number) => void;
}

/**
 * Reads every layer of an image once, earliest first, into the squashed FileTree: whiteouts and opaque
 * directories applied, every entry attributed to the layer that last wrote it.
 */
export async function readImageTree(image: Image, options: ReadTreeOptions = {}): Promise<FileTree> {
  const limits = resolveLimits(options.limits);
  const tree = new Tree();
  const versions = new Map<string, FileEntry | FileEntry[]>();
  // a deleted path starts a new life if it comes back: its history restarts
  tree.onForget = (entry) => versions.delete(entry.path);
  const content = new ImageContent(image, limits.maxLayerBytes);
  const layers: LayerSummary[] = [];
  const warnings: string[] = [];
  let entries = 0;
  const countEntry = (): void => {
    entries += 1;
    if (entries > limits.maxEntries) {
      throw new AppError('E_LIMIT_EXCEEDED', `image has more than ${limits.maxEntries} tar entries`, {
        hint: 'raise --max-entries (or CROWSNEST_MAX_ENTRIES) if the image is trusted',
      });
    }
  };
  try {
    for (const layer of image.layers) {
      const applier = new LayerApplier(tree, layer.index, (entry) => {
        // one write is by far the common case: keep the entry itself, an array only from the second write
        const seen = versions.get(entry.path);
        if (seen === undefined) versions.set(entry.path, entry);
        else if (Array.isArray(seen)) seen.push(entry);
        else versions.set(entry.path, [seen, entry]);
      });
      const walk = await walkLayer(await image.openLayer(layer.index), {
        index: layer.index,
        digest: layer.digest,
        diffId: layer.diffId,
        maxLayerBytes: limits.maxLayerBytes,
        countEntry,
        onRecord: (record) => applier.apply(record),
        onFile: async (record, stream) => {
          const size = record.size ?? 0;
          const wanted = options.select ? options.select(record.path, size, record.mode ?? 0) : false;
          if (wanted === false) return false;
          if (wanted === true) {
            if (size > limits.maxFileBytes) return false;
            await content.store.put(layer.index, record.path, size, stream);
            return true;
          }
          // streamed to disk while searched, so no size cap applies: a huge Go binary still gets its unknown
          await content.store.putIfContains(layer.index, record.path, size, stream, wanted.needles);
          return true;
        },
      });
      const changes = applier.changes;
      if (changes.moved.size > 0) content.moved.set(layer.index, changes.moved);
      if (walk.ignored > 0)
        warnings.push(`layer ${layer.index}: ignored ${walk.ignored} device, fifo or aufs entries`);
      warnings.push(...changes.warnings.map((warning) => `layer ${layer.index}: ${warning}`));
      const summary: LayerSummary = {
        index: layer.index,
        digest: layer.digest,
        diffId: layer.diffId,
        added: changes.added,
        changed: changes.changed,
        removed: changes.removed,
        uncompressedBytes: walk.uncompressedBytes,
      };
      layers.push(summary);
      options.onLayer?.(summary, image.layers.length);
    }
  } catch (error) {
    await content.close();
    throw error;
  }
  return new SquashedTree({ tree, versions, layers, warnings, content, maxFileBytes: limits.maxFileBytes });
}
