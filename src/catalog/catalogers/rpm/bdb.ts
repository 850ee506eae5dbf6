/**
 * The values of a Berkeley DB hash database (rpm's `Packages` before rpm 4.16: RHEL/CentOS 7 and 8,
 * Amazon Linux 2), read without libdb from the on-disk format:
 *
 * - page 0 is the hash metadata page: magic 0x061561 at byte 12 (its byte order is the file's), version
 *   (8–10) at 16, page size at 20, page type 8 at 25, last page number at 32;
 * - every page starts with a 26-byte header: page number at 8, next page at 16, item count (u16) at 20,
 *   high-free offset (u16) at 22, page type at 25; hash pages (type 13, or 2 before DB 4.6) then hold u16
 *   item offsets, items alternating key and value, each starting with its item type: 1 = the bytes follow
 *   (an item's length is the distance to the previous item's offset, the first one's to the page end),
 *   3 = off-page: page number at +4 and total length at +8 of a chain of overflow pages (type 7) whose
 *   header's high-free field is the number of data bytes after the header.
 *
 * Every hash page is visited in file order rather than walking buckets, so a page the bucket map misses is
 * still read; freed pages have another type and are skipped.
 */

export interface BdbRecord {
  key: Buffer;
  value: Buffer;
}

const hashMagic = 0x061561;
const pageTypes = { hashUnsorted: 2, overflow: 7, hashMeta: 8, hash: 13 } as const;
const itemTypes = { keyData: 1, offPage: 3 } as const;
const pageHeaderSize = 26;

interface Layout {
  bytes: Buffer;
  pageSize: number;
  pages: number;
  u16: (at: number) => number;
  u32: (at: number) => number;
}

function layoutOf(bytes: Buffer): Layout {
  if (bytes.length < 512) throw new Error('too short for a Berkeley DB file');
  const littleEndian = bytes.readUInt32LE(12) === hashMagic;
  if (!littleEndian && bytes.readUInt32BE(12) !== hashMagic)
    throw new Error('not a Berkeley DB hash database');
  const u16 = (at: number): number => (littleEndian ? bytes.readUInt16LE(at) : bytes.readUInt16BE(at));
  const u32 = (at: number): number => (littleEndian ? bytes.readUInt32LE(at) : bytes.readUInt32BE(at));
  const version = u32(16);
  const pageSize = u32(20);
  if (version < 8 || version > 10) throw new Error(`unsupported Berkeley DB hash version ${version}`);
  if (pageSize < 512 || pageSize > 65536 || (pageSize & (pageSize - 1)) !== 0)
    throw new Error(`invalid Berkeley DB page size ${pageSize}`);
  if (bytes[25] !== pageTypes.hashMeta) throw new Error('the first page is not a hash metadata page');
  const pages = Math.min(u32(32) + 1, Math.floor(bytes.length / pageSize));
  return { bytes, pageSize, pages, u16, u32 };
}

/** Every key/value pair of the database. Throws when the file is not a BDB hash database at all. */
export function readBdbHash(bytes: Buffer): BdbRecord[] {
  const layout = layoutOf(bytes);
  const records: BdbRecord[] = [];
  for (let page = 1; page < layout.pages; page += 1) {
    const start = page * layout.pageSize;
    const type = bytes[start + 25];
    if (type !== pageTypes.hash && type !== pageTypes.hashUnsorted) continue;
    if (layout.u32(start + 8) !== page) continue;
    records.push(...pageRecords(layout, start));
  }
  return records;
}

function pageRecords(layout: Layout, start: number): BdbRecord[] {
  const { pageSize, u16 } = layout;
  const count = Math.min(u16(start + 20), Math.floor((pageSize - pageHeaderSize) / 2));
  const offsets: number[] = [];
  for (let index = 0; index < count; index += 1) offsets.push(u16(start + pageHeaderSize + index * 2));
  const records: BdbRecord[] = [];
  for (let index = 0; index + 1 < count; index += 2) {
    const keyEnd = index === 0 ? pageSize : offsets[index - 1]!;
    const key = item(layout, start, offsets[index]!, keyEnd);
    const value = item(layout, start, offsets[index + 1]!, offsets[index]!);
    if (key && value) records.push({ key, value });
  }
  return records;
}

/** The bytes of the item at `offset` (relative to the page), which ends where the previous one starts. */
function item(layout: Layout, pageStart: number, offset: number, end: number): Buffer | undefined {
  const minimum = pageHeaderSize;
  if (offset < minimum || end > layout.pageSize || offset >= end) return undefined;
  const at = pageStart + offset;
  const type = layout.bytes[at];
  if (type === itemTypes.keyData) return layout.bytes.subarray(at + 1, pageStart + end);
  if (type === itemTypes.offPage && end - offset >= 12)
    return overflow(layout, layout.u32(at + 4), layout.u32(at + 8));
  return undefined;
}

/** Follows a chain of overflow pages, refusing loops, wrong page types and lengths that do not add up. */
function overflow(layout: Layout, first: number, total: number): Buffer | undefined {
  const { bytes, pageSize, pages, u16, u32 } = layout;
  if (total === 0 || total > pages * pageSize) return undefined;
  const parts: Buffer[] = [];
  const seen = new Set<number>();
  let collected = 0;
  let page = first;
  while (collected < total) {
    if (page <= 0 || page >= pages || seen.has(page)) return undefined;
    seen.add(page);
    const start = page * pageSize;
    if (bytes[start + 25] !== pageTypes.overflow) return undefined;
    const length = u16(start + 22);
    if (length + pageHeaderSize > pageSize || collected + length > total) return undefined;
    parts.push(bytes.subarray(start + pageHeaderSize, start + pageHeaderSize + length));
    collected += length;
    page = u32(start + 16);
  }
  return Buffer.concat(parts, total);
}
