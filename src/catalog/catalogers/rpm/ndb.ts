/**
 * rpm's own "ndb" package database (`Packages.db`, SUSE since 15 SP3 and openSUSE), read from its format
 * (lib/backend/ndb/rpmpkg.c in rpm). All integers are little-endian.
 *
 * - 4096-byte slot pages come first. The first 32 bytes of page 0 are the database header: magic "RpmP",
 *   version 0, generation, number of slot pages, next package index.
 * - After the header, every 16 bytes is a slot: magic "Slot", package index, block offset, block count
 *   (blocks are 16 bytes); block offset 0 marks a free slot.
 * - A blob starts at `blockOffset * 16`: magic "BlbS", package index, generation, blob length; the header
 *   blob; zero padding to a block boundary, ending with a 12-byte tail: Adler-32 of everything before it
 *   in the blob's blocks, the blob length again, magic "BlbE".
 */

export const ndbConstants = {
  magic: 0x506d7052, // "RpmP"
  slotMagic: 0x746f6c53, // "Slot"
  blobHeadMagic: 0x53626c42, // "BlbS"
  blobTailMagic: 0x45626c42, // "BlbE"
  pageSize: 4096,
  blockSize: 16,
  slotSize: 16,
  headerSize: 32,
  blobHeadSize: 16,
  blobTailSize: 12,
} as const;

export interface NdbRead {
  blobs: { pkgidx: number; blob: Buffer }[];
  problems: string[];
}

/** The header blobs of a Packages.db. Throws when the file is not one; a bad blob is a problem, not fatal. */
export function readNdb(bytes: Buffer): NdbRead {
  const c = ndbConstants;
  if (bytes.length < c.headerSize || bytes.readUInt32LE(0) !== c.magic)
    throw new Error('not an rpm ndb database');
  if (bytes.readUInt32LE(4) !== 0) throw new Error(`unsupported ndb version ${bytes.readUInt32LE(4)}`);
  const slotPages = bytes.readUInt32LE(12);
  if (slotPages === 0 || slotPages * c.pageSize > bytes.length)
    throw new Error(`ndb header claims ${slotPages} slot pages in a ${bytes.length}-byte file`);
  const read: NdbRead = { blobs: [], problems: [] };
  for (let at = c.headerSize; at < slotPages * c.pageSize; at += c.slotSize) {
    if (bytes.readUInt32LE(at) !== c.slotMagic) throw new Error(`bad slot at byte ${at}`);
    const blockOffset = bytes.readUInt32LE(at + 8);
    if (blockOffset === 0) continue;
    const pkgidx = bytes.readUInt32LE(at + 4);
    const blob = readBlob(bytes, pkgidx, blockOffset, bytes.readUInt32LE(at + 12));
    if (typeof blob === 'string') read.problems.push(`package ${pkgidx}: ${blob}`);
    else read.blobs.push({ pkgidx, blob });
  }
  return read;
}

function readBlob(bytes: Buffer, pkgidx: number, blockOffset: number, blockCount: number): Buffer | string {
  const c = ndbConstants;
  const start = blockOffset * c.blockSize;
  const end = start + blockCount * c.blockSize;
  if (blockCount * c.blockSize < c.blobHeadSize + c.blobTailSize || end > bytes.length)
    return 'blob outside the file';
  if (bytes.readUInt32LE(start) !== c.blobHeadMagic || bytes.readUInt32LE(start + 4) !== pkgidx)
    return 'bad blob header';
  const length = bytes.readUInt32LE(start + 12);
  const expectedBlocks = Math.ceil((c.blobHeadSize + length + c.blobTailSize) / c.blockSize);
  if (expectedBlocks !== blockCount) return 'blob length does not match its slot';
  const tail = end - c.blobTailSize;
  if (bytes.readUInt32LE(tail + 8) !== c.blobTailMagic || bytes.readUInt32LE(tail + 4) !== length)
    return 'bad blob tail';
  if (bytes.readUInt32LE(tail) !== adler32(bytes.subarray(start, tail))) return 'blob checksum mismatch';
  return bytes.subarray(start + c.blobHeadSize, start + c.blobHeadSize + length);
}

/** Adler-32 (RFC 1950). */
export function adler32(data: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let index = 0; index < data.length; ) {
    const stop = Math.min(index + 5552, data.length);
    for (; index < stop; index += 1) {
      a += data[index]!;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
