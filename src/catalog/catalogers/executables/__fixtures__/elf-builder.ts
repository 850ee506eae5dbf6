/** A section of a test ELF: its bytes are placed in file order, mapped at `BASE + file offset`. */
export interface TestSection {
  name: string;
  data: Buffer;
}

export interface TestElfOptions {
  is64?: boolean;
  bigEndian?: boolean;
}

export const BASE = 0x400000;

/**
 * Writes a small ELF file (System V gABI layout: header, one PT_LOAD program header covering the file,
 * section data, `.shstrtab`, section header table) for unit tests of the ELF reader and the binary parsers,
 * including hostile variations. Real binaries for the differential tests come from `go build` and objcopy.
 */
export function makeElf(sections: TestSection[], options: TestElfOptions = {}): Buffer {
  const is64 = options.is64 ?? true;
  const big = options.bigEndian ?? false;
  const ehsize = is64 ? 64 : 52;
  const phentsize = is64 ? 56 : 32;
  const shentsize = is64 ? 64 : 40;
  const names = Buffer.from(`\0${[...sections.map((s) => s.name), '.shstrtab'].join('\0')}\0`, 'latin1');
  const all = [...sections, { name: '.shstrtab', data: names }];
  let offset = ehsize + phentsize;
  const placed = all.map((section) => {
    offset = Math.ceil(offset / 16) * 16;
    const at = offset;
    offset += section.data.length;
    return { ...section, offset: at };
  });
  const shoff = Math.ceil(offset / 8) * 8;
  const out = Buffer.alloc(shoff + shentsize * (all.length + 1));
  const w = writer(out, is64, big);
  out.writeUInt32BE(0x7f454c46, 0);
  out[4] = is64 ? 2 : 1;
  out[5] = big ? 2 : 1;
  out[6] = 1;
  w.u16(0x10, 2); // ET_EXEC
  w.u16(0x12, 62);
  w.u32(0x14, 1);
  w.word(is64 ? 0x20 : 0x1c, ehsize);
  w.word(is64 ? 0x28 : 0x20, shoff);
  w.u16(is64 ? 0x34 : 0x28, ehsize);
  w.u16(is64 ? 0x36 : 0x2a, phentsize);
  w.u16(is64 ? 0x38 : 0x2c, 1);
  w.u16(is64 ? 0x3a : 0x2e, shentsize);
  w.u16(is64 ? 0x3c : 0x30, all.length + 1);
  w.u16(is64 ? 0x3e : 0x32, all.length);
  writeLoadSegment(w, ehsize, is64, out.length);
  let nameOffset = 1;
  placed.forEach((section, index) => {
    section.data.copy(out, section.offset);
    const at = shoff + shentsize * (index + 1);
    const ww = is64 ? 8 : 4;
    w.u32(at, nameOffset);
    w.u32(at + 4, section.name === '.shstrtab' ? 3 : 1);
    w.word(at + 8 + ww, section.name === '.shstrtab' ? 0 : BASE + section.offset);
    w.word(at + 8 + 2 * ww, section.offset);
    w.word(at + 8 + 3 * ww, section.data.length);
    nameOffset += section.name.length + 1;
  });
  return out;
}

function writeLoadSegment(w: ReturnType<typeof writer>, at: number, is64: boolean, size: number): void {
  w.u32(at, 1);
  if (is64) {
    w.word(at + 8, 0);
    w.word(at + 16, BASE);
    w.word(at + 32, size);
    w.word(at + 40, size);
  } else {
    w.u32(at + 4, 0);
    w.u32(at + 8, BASE);
    w.u32(at + 16, size);
    w.u32(at + 20, size);
  }
}

function writer(out: Buffer, is64: boolean, big: boolean) {
  return {
    u16: (at: number, v: number) => (big ? out.writeUInt16BE(v, at) : out.writeUInt16LE(v, at)),
    u32: (at: number, v: number) => (big ? out.writeUInt32BE(v, at) : out.writeUInt32LE(v, at)),
    word: (at: number, v: number) =>
      is64
        ? big
          ? out.writeBigUInt64BE(BigInt(v), at)
          : out.writeBigUInt64LE(BigInt(v), at)
        : big
          ? out.writeUInt32BE(v, at)
          : out.writeUInt32LE(v, at),
  };
}
