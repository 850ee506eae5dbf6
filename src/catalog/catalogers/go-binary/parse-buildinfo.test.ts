import { describe, expect, it } from 'vitest';
import { BASE, makeElf } from '../executables/__fixtures__/elf-builder.js';
import { inlineBlob, MAGIC, SAMPLE_MODINFO, wrapModinfo } from './__fixtures__/buildinfo.js';
import { findBuildInfo } from './parse-buildinfo.js';

/**
 * The pre-1.18 layout: the header holds two pointers to Go string headers ({data pointer, length}), here
 * placed in a `.data` section the ELF's load segment maps at BASE + file offset.
 */
function pointerFormatElf(goVersion: string, modinfo: Buffer, is64: boolean, bigEndian: boolean): Buffer {
  const ptr = is64 ? 8 : 4;
  // lay out .data = [version bytes][modinfo bytes][version header][modinfo header]; addresses fixed after placement
  const version = Buffer.from(goVersion);
  const data = Buffer.alloc(version.length + modinfo.length + 4 * ptr);
  version.copy(data, 0);
  modinfo.copy(data, version.length);
  const header = Buffer.alloc(32);
  MAGIC.copy(header);
  header[14] = ptr;
  header[15] = bigEndian ? 1 : 0;
  const draft = makeElf(
    [
      { name: '.go.buildinfo', data: header },
      { name: '.data', data },
    ],
    { is64, bigEndian },
  );
  const dataOffset = draft.indexOf(version, draft.indexOf(MAGIC) + 32);
  const dataAddr = BASE + dataOffset;
  const write = (buf: Buffer, at: number, value: number) => {
    if (ptr === 8)
      bigEndian ? buf.writeBigUInt64BE(BigInt(value), at) : buf.writeBigUInt64LE(BigInt(value), at);
    else bigEndian ? buf.writeUInt32BE(value, at) : buf.writeUInt32LE(value, at);
  };
  const headers = dataOffset + version.length + modinfo.length;
  write(draft, headers, dataAddr);
  write(draft, headers + ptr, version.length);
  write(draft, headers + 2 * ptr, dataAddr + version.length);
  write(draft, headers + 3 * ptr, modinfo.length);
  const magicAt = draft.indexOf(MAGIC);
  write(draft, magicAt + 16, BASE + headers);
  write(draft, magicAt + 16 + ptr, BASE + headers + 2 * ptr);
  return draft;
}

describe('findBuildInfo', () => {
  const modinfo = wrapModinfo(SAMPLE_MODINFO);

  it('reads the Go 1.18+ inline format from the .go.buildinfo section', () => {
    const elf = makeElf([
      { name: '.text', data: Buffer.alloc(100) },
      { name: '.go.buildinfo', data: inlineBlob('go1.22.1', modinfo) },
    ]);
    expect(findBuildInfo(elf, 'elf')).toEqual({
      kind: 'found',
      value: { goVersion: 'go1.22.1', modinfo: SAMPLE_MODINFO },
    });
  });

  it('scans Mach-O and PE files for the inline format', () => {
    const macho = Buffer.concat([
      Buffer.from([0xcf, 0xfa, 0xed, 0xfe]),
      Buffer.alloc(60),
      inlineBlob('go1.21.5', modinfo),
    ]);
    expect(findBuildInfo(macho, 'macho')).toMatchObject({ kind: 'found', value: { goVersion: 'go1.21.5' } });
    expect(findBuildInfo(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62)]), 'pe')).toEqual({
      kind: 'none',
    });
  });

  it.each([
    ['64-bit little-endian', true, false],
    ['64-bit big-endian', true, true],
    ['32-bit little-endian', false, false],
    ['32-bit big-endian', false, true],
  ])('reads the pre-1.18 pointer format through the load segments: %s', (_, is64, bigEndian) => {
    const elf = pointerFormatElf('go1.16.15', modinfo, is64, bigEndian);
    expect(findBuildInfo(elf, 'elf')).toEqual({
      kind: 'found',
      value: { goVersion: 'go1.16.15', modinfo: SAMPLE_MODINFO },
    });
  });

  it('skips the magic where it is only a string (the go command embeds it) and finds the real one', () => {
    const decoy = Buffer.concat([MAGIC, Buffer.from('\x03\x00 not a header at all, just text', 'latin1')]);
    const macho = Buffer.concat([
      Buffer.from([0xcf, 0xfa, 0xed, 0xfe]),
      decoy,
      Buffer.alloc(16),
      inlineBlob('go1.22.0', modinfo),
    ]);
    expect(findBuildInfo(macho, 'macho')).toMatchObject({ kind: 'found', value: { goVersion: 'go1.22.0' } });
  });

  it.each([
    ['a C program', makeElf([{ name: '.text', data: Buffer.alloc(64) }])],
    [
      'garbage after the magic',
      makeElf([{ name: '.rodata', data: Buffer.concat([MAGIC, Buffer.from('\x08\x02garbage')]) }]),
    ],
  ])('is none for %s', (_, data) => {
    expect(findBuildInfo(data, 'elf')).toEqual({ kind: 'none' });
  });

  it.each([
    ['strings past the section end', inlineBlob('go1.22.1', modinfo).subarray(0, 60)],
    [
      'a huge declared length',
      Buffer.concat([
        inlineBlob('go1.22.1', Buffer.alloc(0)).subarray(0, 32),
        Buffer.from([0xff, 0xff, 0xff, 0xff, 0x0f]),
      ]),
    ],
  ])('is an error for a truncated .go.buildinfo: %s', (_, blob) => {
    const elf = makeElf([{ name: '.go.buildinfo', data: blob }]);
    expect(findBuildInfo(elf, 'elf')).toMatchObject({ kind: 'error' });
  });

  it('is an error when old-format pointers lead outside the file', () => {
    const elf = pointerFormatElf('go1.16.15', modinfo, true, false);
    const at = elf.indexOf(MAGIC);
    elf.writeBigUInt64LE(0xdead0000n, at + 16);
    expect(findBuildInfo(elf, 'elf')).toEqual({
      kind: 'error',
      reason: 'Go build info pointers lead outside the binary',
    });
  });

  it('does not read the old pointer format from non-ELF files', () => {
    const header = Buffer.alloc(32);
    MAGIC.copy(header);
    header[14] = 8;
    const macho = Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), Buffer.alloc(12), header]);
    expect(findBuildInfo(macho, 'macho')).toEqual({ kind: 'none' });
  });
});
