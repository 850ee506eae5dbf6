import { execFileSync } from 'node:child_process';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';
import { type Digest, sha256 } from '../../src/core/digest.js';
import type { Image, LayerInfo } from '../../src/image/types.js';

export interface TestEntry {
  name: string;
  type?: 'file' | 'directory' | 'symlink' | 'link' | 'character-device' | 'fifo';
  content?: string | Buffer;
  linkname?: string;
  mode?: number;
  /** Declared size when it must differ from the content (hostile headers). */
  size?: number;
}

/** Writes a real tar (ustar/pax, via tar-stream) from a list of entries. */
export async function makeTar(entries: TestEntry[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    archive.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    archive.on('end', () => resolve());
    archive.on('error', reject);
  });
  for (const entry of entries) {
    const type = entry.type ?? 'file';
    const content = type === 'file' ? Buffer.from(entry.content ?? '') : Buffer.alloc(0);
    archive.entry(
      {
        name: entry.name,
        type,
        mode: entry.mode ?? (type === 'directory' ? 0o755 : 0o644),
        mtime: new Date(0),
        uid: 0,
        gid: 0,
        ...(entry.linkname !== undefined ? { linkname: entry.linkname } : {}),
        ...(type === 'file' ? { size: content.length } : {}),
      },
      content,
    );
  }
  archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

export type Compression = 'gzip' | 'zstd' | 'none';

export function compress(tar: Buffer, compression: Compression): Buffer {
  if (compression === 'gzip') return gzipSync(tar);
  if (compression === 'zstd') return execFileSync('zstd', ['-q', '-c'], { input: tar, maxBuffer: 1 << 30 });
  return tar;
}

export interface MemoryLayer {
  blob: Buffer;
  diffId: Digest;
  mediaType?: string;
}

export async function memoryLayer(
  entries: TestEntry[],
  compression: Compression = 'gzip',
): Promise<MemoryLayer> {
  const tar = await makeTar(entries);
  return { blob: compress(tar, compression), diffId: sha256(tar) };
}

/** An Image held in memory, for unit tests of the layer reader (no source involved). */
export function memoryImage(layers: MemoryLayer[]): Image & { opened: number[] } {
  const opened: number[] = [];
  const infos: LayerInfo[] = layers.map((layer, index) => ({
    index,
    digest: sha256(layer.blob),
    diffId: layer.diffId,
    mediaType: layer.mediaType ?? 'application/vnd.oci.image.layer.v1.tar+gzip',
    size: layer.blob.length,
  }));
  return {
    opened,
    source: { kind: 'oci-layout', location: 'memory' },
    config: {
      architecture: 'amd64',
      os: 'linux',
      rootfs: { type: 'layers', diff_ids: layers.map((l) => l.diffId) },
    },
    platform: { os: 'linux', architecture: 'amd64' },
    layers: infos,
    openLayer: async (index) => {
      opened.push(index);
      return Readable.from([layers[index]!.blob]);
    },
    close: async () => {},
  };
}
