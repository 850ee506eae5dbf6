import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { createGunzip, gunzipSync } from 'node:zlib';
import tar from 'tar-stream';
import yauzl from 'yauzl';
import { AppError } from '../../core/errors.js';

export interface ArchiveEntry {
  name: string;
  data: Buffer;
}

export type Compression = 'zip' | 'gzip' | 'xz' | 'zstd' | 'none';

/** Recognises a container or compression from its first bytes. */
export function sniff(head: Buffer): Compression {
  if (head[0] === 0x50 && head[1] === 0x4b) return 'zip';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head.subarray(0, 6).equals(Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]))) return 'xz';
  if (head.readUInt32LE(0) === 0xfd2fb528) return 'zstd';
  return 'none';
}

export function corruptArchive(kind: string, where: string, cause: unknown): AppError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new AppError('E_ARCHIVE_INVALID', `corrupt or truncated ${kind}: ${detail}`, {
    where,
    hint: 'download the file again; if it keeps failing, the upstream file is damaged',
    cause,
  });
}

/** Every file entry of a zip held in memory whose name passes `filter`. */
export async function readZip(
  data: Buffer,
  where: string,
  filter: (name: string) => boolean = () => true,
): Promise<ArchiveEntry[]> {
  const out: ArchiveEntry[] = [];
  await forEachZipEntry(data, where, filter, (entry) => {
    out.push(entry);
  });
  return out;
}

/**
 * Hands each matching entry of a zip to `onEntry` as soon as it is inflated, so a caller that parses as it
 * goes never holds every entry's bytes at once (OSV exports inflate to gigabytes).
 */
export function forEachZipEntry(
  data: Buffer,
  where: string,
  filter: (name: string) => boolean,
  onEntry: (entry: ArchiveEntry) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => reject(corruptArchive('zip archive', where, error));
    yauzl.fromBuffer(data, { lazyEntries: true, strictFileNames: false }, (openError, zip) => {
      if (openError || !zip) return fail(openError);
      zip.on('error', fail);
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/') || !filter(entry.fileName)) return zip.readEntry();
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) return fail(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('error', fail);
          stream.on('end', () => {
            try {
              onEntry({ name: entry.fileName, data: Buffer.concat(chunks) });
            } catch (error) {
              reject(error);
              return;
            }
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

/** Decompresses a whole buffer (gzip here, xz through the xz tool). */
export async function decompress(data: Buffer, where: string): Promise<Buffer> {
  const kind = sniff(data);
  try {
    if (kind === 'gzip') return gunzipSync(data);
    if (kind === 'xz') return await collect(xzStream(Readable.from([data])));
  } catch (error) {
    throw corruptArchive(`${kind} stream`, where, error);
  }
  return data;
}

async function collect(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** xz has no decoder in Node: stream through `xz -dc` (Debian's xz-utils). */
function xzStream(input: Readable): Readable {
  const child = spawn('xz', ['-dc'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.on('error', (error) =>
    child.stdout.destroy(new Error(`cannot run xz (install xz-utils): ${error.message}`)),
  );
  child.on('close', (code) => {
    if (code !== 0) child.stdout.destroy(new Error(`xz failed: ${stderr.trim() || `exit ${code}`}`));
  });
  input.on('error', (error) => child.stdout.destroy(error));
  child.stdin.on('error', () => undefined);
  input.pipe(child.stdin);
  return child.stdout;
}

/** Opens a file or buffer as a stream of tar bytes, undoing gzip or xz found by sniffing. */
export function tarStream(source: Buffer | string, head: Buffer): Readable {
  const raw = typeof source === 'string' ? createReadStream(source) : Readable.from([source]);
  const kind = sniff(head);
  if (kind === 'gzip') return raw.pipe(createGunzip());
  if (kind === 'xz') return xzStream(raw);
  return raw;
}

/** Streams the regular files of a tar whose names pass `filter`; other entries are skipped unread. */
export async function* tarEntries(
  input: Readable,
  where: string,
  filter: (name: string) => boolean = () => true,
): AsyncGenerator<ArchiveEntry> {
  const extract = tar.extract();
  input.on('error', (error) => extract.destroy(error));
  input.pipe(extract);
  try {
    for await (const entry of extract) {
      const name = entry.header.name.replace(/^\.\//, '');
      if (entry.header.type !== 'file' || !filter(name)) {
        entry.resume();
        continue;
      }
      yield { name, data: await collect(entry) };
    }
  } catch (error) {
    throw corruptArchive('tar archive', where, error);
  }
}

/** The first bytes of a file, for `sniff`. */
export async function readHead(file: string, length = 8): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buf, 0, length, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
