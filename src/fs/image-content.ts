import { Readable } from 'node:stream';
import { AppError } from '../core/errors.js';
import type { Image } from '../image/types.js';
import { ContentStore } from './content-store.js';
import { walkLayer } from './layer-walk.js';
import { printable } from './paths.js';
import type { ContentSource } from './squashed-tree.js';
import type { FileEntry } from './types.js';

/**
 * Contents of an image's files: those retained while the layers streamed by, and otherwise a fresh read of
 * the one layer that holds the file (streamed again, never held whole).
 */
export class ImageContent implements ContentSource {
  readonly store = new ContentStore();
  /** Per layer: real path → tar path, for entries written through a symlinked parent. */
  readonly moved = new Map<number, Map<string, string>>();

  constructor(
    private readonly image: Image,
    private readonly maxLayerBytes: number,
  ) {}

  has(entry: FileEntry): boolean {
    return this.store.has(entry.layer, this.moved.get(entry.layer)?.get(entry.path) ?? entry.path);
  }

  held(entry: FileEntry): Buffer | undefined {
    return this.store.held(entry.layer, this.moved.get(entry.layer)?.get(entry.path) ?? entry.path);
  }

  async open(entry: FileEntry): Promise<Readable> {
    const tarPath = this.moved.get(entry.layer)?.get(entry.path) ?? entry.path;
    const retained = this.store.open(entry.layer, tarPath);
    if (retained) return retained;
    await this.reread(entry.layer, tarPath);
    const found = this.store.open(entry.layer, tarPath);
    if (!found) {
      throw new AppError(
        'E_LAYER_CORRUPT',
        `${printable(entry.path)} vanished from layer ${entry.layer} on re-read`,
        {
          where: this.image.layers[entry.layer]?.digest,
        },
      );
    }
    return found;
  }

  private async reread(layer: number, tarPath: string): Promise<void> {
    const info = this.image.layers[layer]!;
    const blob = await this.image.openLayer(layer);
    await walkLayer(blob, {
      index: layer,
      digest: info.digest,
      diffId: info.diffId,
      maxLayerBytes: this.maxLayerBytes,
      countEntry: () => {},
      onFile: async (record, content) => {
        if (record.path !== tarPath) return false;
        // a later duplicate in the same tar wins, as it does when the layer is applied
        await this.store.put(layer, tarPath, record.size ?? 0, content);
        return true;
      },
    });
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

export function emptyStream(): Readable {
  return Readable.from([]);
}
