/**
 * rpm header blobs as the package database stores them (no lead, no 8-byte header magic): a big-endian
 * index count `il` and data length `dl`, `il` 16-byte index entries (tag, type, offset into the data,
 * count), then `dl` bytes of data. Every offset and count is checked against the blob before it is read.
 */

/** The package fields the catalogers use. */
export interface RpmHeader {
  name: string;
  version: string;
  release: string;
  epoch?: number;
  arch?: string;
  license?: string;
  sourceRpm?: string;
  vendor?: string;
  modularityLabel?: string;
  /** Installed size in bytes (SIZE, or LONGSIZE for packages over 4 GiB). */
  size?: number;
  /** Files the package owns (directories left out when FILEMODES says so). */
  files: string[];
}

export const rpmTags = {
  name: 1000,
  version: 1001,
  release: 1002,
  epoch: 1003,
  size: 1009,
  vendor: 1011,
  license: 1014,
  arch: 1022,
  oldFilenames: 1027,
  fileModes: 1030,
  sourceRpm: 1044,
  dirIndexes: 1116,
  baseNames: 1117,
  dirNames: 1118,
  longSize: 5009,
  modularityLabel: 5096,
} as const;

const types = { int16: 3, int32: 4, int64: 5, string: 6, stringArray: 8, i18nString: 9 } as const;

/** rpm's own sanity limits (hdrchkTags, hdrchkData). */
const maxTags = 0xffff;
const maxData = 256 * 1024 * 1024;

interface IndexEntry {
  type: number;
  offset: number;
  count: number;
}

/** A parsed header's index and data, with checked accessors. */
export class HeaderBlob {
  private readonly entries = new Map<number, IndexEntry>();
  private readonly data: Buffer;

  private constructor(blob: Buffer, il: number, dl: number) {
    const dataStart = 8 + il * 16;
    this.data = blob.subarray(dataStart, dataStart + dl);
    for (let index = 0; index < il; index += 1) {
      const at = 8 + index * 16;
      const tag = blob.readUInt32BE(at);
      const entry = {
        type: blob.readUInt32BE(at + 4),
        offset: blob.readInt32BE(at + 8),
        count: blob.readUInt32BE(at + 12),
      };
      if (entry.offset >= 0 && entry.offset < dl && !this.entries.has(tag)) this.entries.set(tag, entry);
    }
  }

  /** Checks the two counts against the blob's length; an error text when they do not fit. */
  static parse(blob: Buffer): HeaderBlob | string {
    if (blob.length < 8) return `header blob of ${blob.length} bytes is too short`;
    const il = blob.readUInt32BE(0);
    const dl = blob.readUInt32BE(4);
    if (il < 1 || il > maxTags) return `header blob claims ${il} tags`;
    if (dl > maxData) return `header blob claims ${dl} data bytes`;
    if (8 + il * 16 + dl > blob.length)
      return `header blob of ${blob.length} bytes is shorter than its index says`;
    return new HeaderBlob(blob, il, dl);
  }

  /** NUL-terminated strings from `offset`; undefined when one runs past the data. */
  private strings(offset: number, count: number): string[] | undefined {
    const out: string[] = [];
    let at = offset;
    for (let index = 0; index < count; index += 1) {
      const end = this.data.indexOf(0, at);
      if (end < 0) return undefined;
      out.push(this.data.toString('utf8', at, end));
      at = end + 1;
    }
    return out;
  }

  string(tag: number): string | undefined {
    const entry = this.entries.get(tag);
    if (
      !entry ||
      (entry.type !== types.string && entry.type !== types.i18nString && entry.type !== types.stringArray)
    )
      return undefined;
    return this.strings(entry.offset, 1)?.[0];
  }

  stringArray(tag: number): string[] | undefined {
    const entry = this.entries.get(tag);
    if (entry?.type !== types.stringArray || entry.count > this.data.length) return undefined;
    return this.strings(entry.offset, entry.count);
  }

  /** Unsigned integers of an INT16, INT32 or INT64 entry. */
  numbers(tag: number): number[] | undefined {
    const entry = this.entries.get(tag);
    const width = entry ? { [types.int16]: 2, [types.int32]: 4, [types.int64]: 8 }[entry.type] : undefined;
    if (!entry || !width || entry.offset + entry.count * width > this.data.length) return undefined;
    const out: number[] = [];
    for (let index = 0; index < entry.count; index += 1) {
      const at = entry.offset + index * width;
      if (width === 2) out.push(this.data.readUInt16BE(at));
      else if (width === 4) out.push(this.data.readUInt32BE(at));
      else out.push(Number(this.data.readBigUInt64BE(at)));
    }
    return out;
  }
}

/** The package a header blob describes, or an error text (the database goes on with the next blob). */
export function parseRpmHeader(blob: Buffer): RpmHeader | string {
  const header = HeaderBlob.parse(blob);
  if (typeof header === 'string') return header;
  const name = header.string(rpmTags.name);
  const version = header.string(rpmTags.version);
  const release = header.string(rpmTags.release);
  if (!name || version === undefined || release === undefined)
    return 'header has no NAME, VERSION or RELEASE';
  const result: RpmHeader = { name, version, release, files: fileList(header) };
  const optional = {
    arch: header.string(rpmTags.arch),
    license: header.string(rpmTags.license),
    sourceRpm: header.string(rpmTags.sourceRpm),
    vendor: header.string(rpmTags.vendor),
    modularityLabel: header.string(rpmTags.modularityLabel),
  };
  for (const [key, value] of Object.entries(optional))
    if (value) result[key as keyof typeof optional] = value;
  const epoch = header.numbers(rpmTags.epoch)?.[0];
  if (epoch !== undefined) result.epoch = epoch;
  const size = header.numbers(rpmTags.longSize)?.[0] ?? header.numbers(rpmTags.size)?.[0];
  if (size !== undefined) result.size = size;
  return result;
}

const directoryMode = 0o040000;
const typeMask = 0o170000;

/**
 * BASENAMES joined to DIRNAMES through DIRINDEXES (rpm ≥ 4), or OLDFILENAMES (older headers). A file whose
 * directory index points past DIRNAMES is dropped, and so is a directory when FILEMODES says it is one.
 */
function fileList(header: HeaderBlob): string[] {
  const baseNames = header.stringArray(rpmTags.baseNames);
  const dirNames = header.stringArray(rpmTags.dirNames);
  const dirIndexes = header.numbers(rpmTags.dirIndexes);
  let paths: (string | undefined)[];
  if (baseNames && dirNames && dirIndexes && dirIndexes.length === baseNames.length) {
    paths = baseNames.map((base, index) => {
      const dir = dirNames[dirIndexes[index]!];
      return dir === undefined ? undefined : `${dir}${base}`;
    });
  } else {
    paths = header.stringArray(rpmTags.oldFilenames) ?? [];
  }
  const modes = header.numbers(rpmTags.fileModes);
  const keep = (index: number): boolean =>
    !modes || modes.length !== paths.length || (modes[index]! & typeMask) !== directoryMode;
  return paths.filter((path, index): path is string => path !== undefined && keep(index));
}
