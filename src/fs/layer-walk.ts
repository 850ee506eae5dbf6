import { type Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract, type Header } from 'tar-stream';
import type { Digest } from '../core/digest.js';
import { DigestVerifier } from '../core/digest.js';
import { AppError, isAppError } from '../core/errors.js';
import { decompressor, detectCompression, peek } from './decompress.js';
import { normaliseEntryName, printable } from './paths.js';
import type { EntryType } from './types.js';

/** One tar entry, normalised, before it is applied to the tree. */
export interface LayerRecord {
  kind: 'entry' | 'whiteout' | 'opaque';
  /** Normalised absolute path (for a whiteout: the path it deletes; for opaque: the directory). */
  path: string;
  type?: EntryType;
  mode?: number;
  size?: number;
  uid?: number;
  gid?: number;
  mtime?: number;
  linkTarget?: string;
}

export interface LayerWalkOptions {
  index: number;
  digest: Digest;
  diffId: Digest | undefined;
  maxLayerBytes: number;
  /** Called for each entry; throws E_LIMIT_EXCEEDED when the image holds too many. */
  countEntry: () => void;
  /** Called for every record as it streams by, in tar order (so a layer never has to be held whole). */
  onRecord?: (record: LayerRecord) => void;
  /** Called for regular files the caller may want to keep; it must consume or drain the stream. */
  onFile?: (record: LayerRecord, content: AsyncIterable<Buffer>) => Promise<boolean>;
}

export interface LayerWalk {
  uncompressedBytes: number;
  ignored: number;
}

const WHITEOUT_PREFIX = '.wh.';
const OPAQUE_MARKER = '.wh..wh..opq';

function label(options: LayerWalkOptions): string {
  return `layer ${options.index} ${options.digest}`;
}

class ByteCap extends Transform {
  private seen = 0;
  constructor(
    private readonly max: number,
    private readonly where: string,
  ) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.max) {
      callback(
        new AppError('E_LIMIT_EXCEEDED', `layer expands to more than ${this.max} bytes`, {
          where: this.where,
          hint: 'raise --max-layer-bytes (or CROWSNEST_MAX_LAYER_BYTES) if the image is trusted',
        }),
      );
      return;
    }
    callback(null, chunk);
  }
}

function entryType(type: Header['type']): EntryType | undefined {
  switch (type) {
    case 'file':
    case 'contiguous-file':
      return 'file';
    case 'directory':
      return 'dir';
    case 'symlink':
      return 'symlink';
    case 'link':
      return 'hardlink';
    default:
      return undefined;
  }
}

function toRecord(header: Header, options: LayerWalkOptions): LayerRecord | 'ignored' {
  const where = label(options);
  const path = normaliseEntryName(header.name, where);
  const base = path.slice(path.lastIndexOf('/') + 1);
  const parent = path.slice(0, path.lastIndexOf('/')) || '/';
  if (base === OPAQUE_MARKER) return { kind: 'opaque', path: parent };
  if (base.startsWith(`${WHITEOUT_PREFIX}${WHITEOUT_PREFIX}`)) return 'ignored'; // aufs metadata (.wh..wh.plnk)
  if (base.startsWith(WHITEOUT_PREFIX)) {
    return {
      kind: 'whiteout',
      path: `${parent === '/' ? '' : parent}/${base.slice(WHITEOUT_PREFIX.length)}`,
    };
  }
  const type = entryType(header.type);
  if (!type) return 'ignored';
  const record: LayerRecord = {
    kind: 'entry',
    path,
    type,
    mode: (header.mode ?? 0) & 0o7777,
    size: type === 'file' ? (header.size ?? 0) : 0,
    uid: header.uid ?? 0,
    gid: header.gid ?? 0,
    mtime: header.mtime ? Math.floor(header.mtime.getTime() / 1000) : 0,
  };
  if (type === 'symlink') record.linkTarget = header.linkname ?? '';
  if (type === 'hardlink') record.linkTarget = normaliseEntryName(header.linkname ?? '', where);
  return record;
}

function corrupt(error: unknown, options: LayerWalkOptions): AppError {
  if (isAppError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError(
    'E_LAYER_CORRUPT',
    `layer ${options.index} is truncated or corrupt: ${printable(message)}`,
    {
      where: options.digest,
      hint: 'the blob is damaged; re-pull, re-export or rebuild the image',
      cause: error,
    },
  );
}

type TarExtract = ReturnType<typeof extract>;

/** Writes decompressed bytes into the (streamx) tar parser with backpressure, then ends it. */
async function feedTar(source: AsyncIterable<Buffer>, tar: TarExtract): Promise<void> {
  for await (const chunk of source) {
    if (tar.destroyed) throw new Error('tar parser stopped');
    if (!tar.write(chunk)) {
      await new Promise<void>((resolve) => {
        // resolves on drain, or when the parser was destroyed by an error elsewhere
        const done = (): void => {
          tar.off('drain', done);
          tar.off('close', done);
          resolve(undefined);
        };
        tar.on('drain', done);
        tar.on('close', done);
      });
    }
  }
  tar.end(null);
}

/** Streams one layer blob once: detects compression, verifies the diff_id, caps size, lists entries. */
export async function walkLayer(blob: Readable, options: LayerWalkOptions): Promise<LayerWalk> {
  let ignored = 0;
  const where = label(options);
  const head = await peek(blob, 6).catch((error) => {
    throw corrupt(error, options);
  });
  const inflate = decompressor(detectCompression(head), options.digest);
  const verifier = new DigestVerifier(options.diffId, `${where} (uncompressed)`);
  const tar = extract();
  const consume = async (): Promise<void> => {
    for await (const entry of tar) {
      options.countEntry();
      const record = toRecord(entry.header, options);
      if (record === 'ignored') {
        ignored += 1;
        entry.resume();
        continue;
      }
      options.onRecord?.(record);
      const kept =
        record.type === 'file' && options.onFile
          ? await options.onFile(record, entry as AsyncIterable<Buffer>)
          : false;
      if (!kept) entry.resume();
    }
  };
  const stages: [Readable, ...Transform[]] = [
    blob,
    ...(inflate ? [inflate] : []),
    verifier,
    new ByteCap(options.maxLayerBytes, where),
  ];
  const run = pipeline as unknown as (...streams: unknown[]) => Promise<void>;
  const feed = run(...stages, (source: AsyncIterable<Buffer>) => feedTar(source, tar));
  try {
    await Promise.all([feed, consume()]);
  } catch (error) {
    for (const stage of stages) stage.destroy();
    tar.destroy();
    await feed.catch(() => {});
    throw corrupt(error, options);
  }
  return { uncompressedBytes: verifier.bytes, ignored };
}
