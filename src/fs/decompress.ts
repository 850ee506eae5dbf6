import { spawn, spawnSync } from 'node:child_process';
import { Duplex, type Readable, Transform, type TransformCallback } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { Decompress } from 'fzstd';
import { AppError } from '../core/errors.js';

export type Compression = 'gzip' | 'zstd' | 'none';

/** Detects a layer's compression from its first bytes, whatever its media type claims. */
export function detectCompression(head: Buffer): Compression | 'bzip2' | 'xz' {
  if (head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.length >= 4 && head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  if (head.length >= 3 && head.toString('latin1', 0, 3) === 'BZh') return 'bzip2';
  if (head.length >= 6 && head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00])))
    return 'xz';
  return 'none';
}

/** Reads the first bytes of a stream and puts them back, so the stream can be consumed from the start. */
export async function peek(stream: Readable, bytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for (;;) {
    const chunk = stream.read() as Buffer | null;
    if (chunk !== null) {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= bytes) break;
      continue;
    }
    if (stream.readableEnded || stream.destroyed) break;
    const ended = await new Promise<boolean>((resolve, reject) => {
      const cleanup = () => {
        stream.off('readable', onReadable);
        stream.off('end', onEnd);
        stream.off('error', onError);
      };
      const onReadable = (): void => {
        cleanup();
        resolve(false);
      };
      const onEnd = (): void => {
        cleanup();
        resolve(true);
      };
      const onError = (error: Error): void => {
        cleanup();
        reject(error);
      };
      stream.on('readable', onReadable);
      stream.on('end', onEnd);
      stream.on('error', onError);
    });
    if (ended) break;
  }
  const head = Buffer.concat(chunks);
  if (head.length > 0) stream.unshift(head);
  return head;
}

class ZstdDecompressor extends Transform {
  private readonly decoder: Decompress;

  constructor() {
    super();
    this.decoder = new Decompress((data) => {
      // copy: the decoder may reuse its window buffer for the next block
      this.push(Buffer.from(data));
    });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    try {
      this.decoder.push(new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }

  override _flush(callback: TransformCallback): void {
    try {
      this.decoder.push(new Uint8Array(0), true);
      callback();
    } catch (error) {
      callback(error as Error);
    }
  }
}

let zstdBinary: boolean | undefined;

/** The `zstd` program decodes 10-20x faster than any JS decoder; Node 20's zlib has no zstd. */
function hasZstdBinary(): boolean {
  if (process.env.CROWSNEST_NO_ZSTD_BINARY) return false;
  zstdBinary ??= spawnSync('zstd', ['--version'], { stdio: 'ignore' }).status === 0;
  return zstdBinary;
}

/** `zstd -dc` as a duplex stream; a non-zero exit is an error at the end of the stream. */
function zstdProcess(): Duplex {
  const child = spawn('zstd', ['-d', '-c', '-q'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const output = child.stdout;
  const duplex = Duplex.from({ writable: child.stdin, readable: output });
  child.on('close', (code: number | null) => {
    if (code !== 0 && code !== null) duplex.destroy(new Error(`zstd: ${stderr.trim() || `exit ${code}`}`));
  });
  duplex.on('close', () => {
    if (child.exitCode === null) child.kill();
  });
  return duplex;
}

/** A decompressing stream for the detected compression; `undefined` means the data is a plain tar. */
export function decompressor(
  compression: Compression | 'bzip2' | 'xz',
  where: string,
): Transform | undefined {
  switch (compression) {
    case 'gzip':
      // 256 KiB output chunks: the 16 KiB default makes every later stage pay per-chunk costs 16 times over
      return createGunzip({ chunkSize: 256 * 1024 });
    case 'zstd':
      return hasZstdBinary() ? (zstdProcess() as unknown as Transform) : new ZstdDecompressor();
    case 'none':
      return undefined;
    default:
      throw new AppError(
        'E_LAYER_UNSUPPORTED',
        `layer is ${compression}-compressed, which OCI images do not use`,
        {
          where,
          hint: 'layers must be tar, tar+gzip or tar+zstd; re-export the image',
        },
      );
  }
}
