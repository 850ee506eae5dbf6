/**
 * Just enough ELF (System V gABI) to find named sections and read memory by virtual address: 32/64-bit,
 * either byte order. Every offset is bounds-checked; a malformed file gives undefined, never an exception.
 */
export interface ElfSection {
  name: string;
  type: number;
  addr: number;
  offset: number;
  size: number;
}

export interface ElfFile {
  is64: boolean;
  bigEndian: boolean;
  sections: ElfSection[];
  /** The section's bytes in the file; undefined when absent, without file data (NOBITS) or out of bounds. */
  section(name: string): Buffer | undefined;
  /** `length` bytes at a virtual address, through the PT_LOAD segments; undefined when not in the file. */
  readAt(address: number, length: number): Buffer | undefined;
}

interface Segment {
  vaddr: number;
  offset: number;
  filesz: number;
}

const SHT_NOBITS = 8;
const PT_LOAD = 1;

class Reader {
  constructor(
    readonly data: Buffer,
    readonly is64: boolean,
    readonly bigEndian: boolean,
  ) {}

  u16(at: number): number {
    return this.bigEndian ? this.data.readUInt16BE(at) : this.data.readUInt16LE(at);
  }

  u32(at: number): number {
    return this.bigEndian ? this.data.readUInt32BE(at) : this.data.readUInt32LE(at);
  }

  /** A word (4 or 8 bytes); values past 2^53 become NaN, which every bounds check then refuses. */
  word(at: number): number {
    if (!this.is64) return this.u32(at);
    const value = this.bigEndian ? this.data.readBigUInt64BE(at) : this.data.readBigUInt64LE(at);
    return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : Number.NaN;
  }
}

const inFile = (data: Buffer, offset: number, length: number): boolean =>
  Number.isSafeInteger(offset) &&
  Number.isSafeInteger(length) &&
  offset >= 0 &&
  length >= 0 &&
  offset + length <= data.length;

export function parseElf(data: Buffer): ElfFile | undefined {
  if (data.length < 52 || data.readUInt32BE(0) !== 0x7f454c46) return undefined;
  const is64 = data[4] === 2;
  const bigEndian = data[5] === 2;
  if ((data[4] !== 1 && !is64) || (data[5] !== 1 && !bigEndian) || (is64 && data.length < 64))
    return undefined;
  try {
    const reader = new Reader(data, is64, bigEndian);
    const sections = readSections(reader);
    const segments = readSegments(reader);
    return {
      is64,
      bigEndian,
      sections,
      section: (name) => {
        const found = sections.find((s) => s.name === name && s.type !== SHT_NOBITS);
        return found && inFile(data, found.offset, found.size)
          ? data.subarray(found.offset, found.offset + found.size)
          : undefined;
      },
      readAt: (address, length) => readVirtual(data, segments, address, length),
    };
  } catch {
    return undefined;
  }
}

function readSections(r: Reader): ElfSection[] {
  const shoff = r.word(r.is64 ? 0x28 : 0x20);
  const entsize = r.u16(r.is64 ? 0x3a : 0x2e);
  let count = r.u16(r.is64 ? 0x3c : 0x30);
  let names = r.u16(r.is64 ? 0x3e : 0x32);
  if (!shoff || entsize < (r.is64 ? 64 : 40) || !inFile(r.data, shoff, entsize)) return [];
  const raw = (index: number) => sectionAt(r, shoff + index * entsize);
  // extended numbering: more than 0xff00 sections keeps the real counts in section 0
  if (count === 0) count = raw(0).size;
  if (names === 0xffff) names = r.u32(shoff + (r.is64 ? 40 : 24));
  if (!inFile(r.data, shoff, count * entsize)) return [];
  const all = Array.from({ length: count }, (_, index) => raw(index));
  const strtab = all[names];
  return all.map((section) => ({
    ...section,
    name: strtab ? stringAt(r.data, strtab, section.nameOffset) : '',
  }));
}

function sectionAt(r: Reader, at: number): ElfSection & { nameOffset: number } {
  const w = r.is64 ? 8 : 4;
  return {
    name: '',
    nameOffset: r.u32(at),
    type: r.u32(at + 4),
    addr: r.word(at + 8 + w),
    offset: r.word(at + 8 + 2 * w),
    size: r.word(at + 8 + 3 * w),
  };
}

function stringAt(data: Buffer, table: ElfSection, offset: number): string {
  if (!inFile(data, table.offset, table.size) || offset >= table.size) return '';
  const start = table.offset + offset;
  const end = data.indexOf(0, start);
  return data.toString(
    'latin1',
    start,
    end < 0 || end > table.offset + table.size ? table.offset + table.size : end,
  );
}

function readSegments(r: Reader): Segment[] {
  const phoff = r.word(r.is64 ? 0x20 : 0x1c);
  const entsize = r.u16(r.is64 ? 0x36 : 0x2a);
  const count = r.u16(r.is64 ? 0x38 : 0x2c);
  if (!phoff || entsize < (r.is64 ? 56 : 32) || !inFile(r.data, phoff, count * entsize)) return [];
  const segments: Segment[] = [];
  for (let index = 0; index < count; index += 1) {
    const at = phoff + index * entsize;
    if (r.u32(at) !== PT_LOAD) continue;
    segments.push(
      r.is64
        ? { offset: r.word(at + 8), vaddr: r.word(at + 16), filesz: r.word(at + 32) }
        : { offset: r.u32(at + 4), vaddr: r.u32(at + 8), filesz: r.u32(at + 16) },
    );
  }
  return segments;
}

function readVirtual(data: Buffer, segments: Segment[], address: number, length: number): Buffer | undefined {
  for (const segment of segments) {
    if (address < segment.vaddr || address + length > segment.vaddr + segment.filesz) continue;
    const offset = segment.offset + (address - segment.vaddr);
    return inFile(data, offset, length) ? data.subarray(offset, offset + length) : undefined;
  }
  return undefined;
}
