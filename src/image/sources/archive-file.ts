import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { AppError } from '../../core/errors.js';
import { indexTar, type TarMember } from './tar-index.js';

export interface ArchiveFile {
  /** The uncompressed tar to read members from (the input itself, or a temp copy when it was gzipped). */
  path: string;
  members: Map<string, TarMember>;
  close(): Promise<void>;
}

async function head(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(4);
    const { bytesRead } = await handle.read(buffer, 0, 4, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Opens an image archive for random access. A gzipped archive (`docker save | gzip`) is inflated once to a
 * temp file, since members cannot be read in place from a gzip stream.
 */
export async function openArchiveFile(file: string, what: string): Promise<ArchiveFile> {
  const info = await stat(file).catch(() => undefined);
  if (!info)
    throw new AppError('E_INPUT_NOT_FOUND', `no such file ${file}`, { hint: `pass the path of a ${what}` });
  if (!info.isFile())
    throw new AppError('E_ARCHIVE_INVALID', `${file} is not a file`, { hint: `pass a ${what} file` });
  const magic = await head(file);
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) {
    return { path: file, members: await indexTar(file, what), close: async () => {} };
  }
  const dir = await mkdtemp(join(tmpdir(), 'crowsnest-archive-'));
  const close = () => rm(dir, { recursive: true, force: true });
  try {
    const path = join(dir, 'archive.tar');
    await pipeline(createReadStream(file), createGunzip(), createWriteStream(path));
    return { path, members: await indexTar(path, what), close };
  } catch (error) {
    await close();
    if (error instanceof AppError) throw error;
    throw new AppError('E_ARCHIVE_INVALID', `${what} is not valid gzip: ${(error as Error).message}`, {
      where: file,
    });
  }
}
