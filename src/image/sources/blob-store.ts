import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline, Readable } from 'node:stream';
import { type Digest, DigestVerifier, digestAlgorithm, digestHex } from '../../core/digest.js';
import { AppError } from '../../core/errors.js';
import { resolveMember, type TarMember } from './tar-index.js';

/** Content-addressed blobs of an OCI layout, whether a directory or a tar of one. */
export interface BlobStore {
  /** Where the blobs live, for messages. */
  location: string;
  /** A named file of the layout (index.json, oci-layout, manifest.json), or undefined when absent. */
  readFile(name: string, maxBytes: number): Promise<Buffer | undefined>;
  /** A named file as a stream (docker-archive layer tars are named, not addressed). */
  openFile(name: string): Promise<Readable | undefined>;
  /** A blob, verified against its digest as it streams. */
  openBlob(digest: Digest, what: string): Promise<Readable>;
}

export function blobPath(digest: Digest): string {
  return `blobs/${digestAlgorithm(digest)}/${digestHex(digest)}`;
}

function missing(digest: Digest, what: string, location: string): AppError {
  return new AppError('E_BLOB_MISSING', `${what} ${digest} is missing`, {
    where: location,
    hint: 'the layout or archive is incomplete; export the image again',
  });
}

function tooBig(name: string, size: number, max: number, location: string): AppError {
  return new AppError(
    'E_LIMIT_EXCEEDED',
    `${name} is ${size} bytes, over the ${max}-byte limit for metadata`,
    {
      where: location,
      hint: 'raise --max-manifest-bytes if the image is trusted',
    },
  );
}

/** Pipes a source through a verifier; an error on either side surfaces on the returned stream. */
export function verified(source: Readable, digest: Digest, what: string): Readable {
  const verifier = new DigestVerifier(digest, what);
  return pipeline(source, verifier, () => {});
}

async function readRange(file: string, start: number, size: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, start);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export function directoryBlobStore(dir: string): BlobStore {
  const sizeOf = async (name: string): Promise<number | undefined> =>
    stat(join(dir, name)).then(
      (s) => (s.isFile() ? s.size : undefined),
      () => undefined,
    );
  return {
    location: dir,
    async readFile(name, maxBytes) {
      const size = await sizeOf(name);
      if (size === undefined) return undefined;
      if (size > maxBytes) throw tooBig(name, size, maxBytes, dir);
      return readRange(join(dir, name), 0, size);
    },
    async openFile(name) {
      return (await sizeOf(name)) === undefined ? undefined : createReadStream(join(dir, name));
    },
    async openBlob(digest, what) {
      if ((await sizeOf(blobPath(digest))) === undefined) throw missing(digest, what, dir);
      return verified(createReadStream(join(dir, blobPath(digest))), digest, what);
    },
  };
}

export function tarBlobStore(file: string, members: Map<string, TarMember>): BlobStore {
  const member = (name: string): TarMember | undefined => resolveMember(members, name);
  const stream = (m: TarMember): Readable =>
    m.size === 0
      ? Readable.from([])
      : createReadStream(file, { start: m.offset, end: m.offset + m.size - 1 });
  return {
    location: file,
    async readFile(name, maxBytes) {
      const m = member(name);
      if (!m) return undefined;
      if (m.size > maxBytes) throw tooBig(name, m.size, maxBytes, file);
      return readRange(file, m.offset, m.size);
    },
    async openFile(name) {
      const m = member(name);
      return m ? stream(m) : undefined;
    },
    async openBlob(digest, what) {
      const m = member(blobPath(digest));
      if (!m) throw missing(digest, what, file);
      return verified(stream(m), digest, what);
    },
  };
}
