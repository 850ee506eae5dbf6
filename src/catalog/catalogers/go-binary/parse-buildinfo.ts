import { type ElfFile, parseElf } from '../executables/elf.js';
import type { BinaryFormat } from '../executables/format.js';

/** The two strings the Go linker embeds: the toolchain version and the module info text. */
export interface BuildInfoBlob {
  goVersion: string;
  modinfo: string;
}

export type BlobOutcome =
  | { kind: 'none' }
  | { kind: 'error'; reason: string }
  | { kind: 'found'; value: BuildInfoBlob };

export const BUILDINFO_MAGIC = Buffer.from('\xff Go buildinf:', 'latin1');
const MAGIC = BUILDINFO_MAGIC;
const HEADER_BYTES = 32;
const FLAG_BIG_ENDIAN = 1;
const FLAG_INLINE = 2;
/** Sanity cap for one string; real modinfo of a large program is tens of kilobytes. */
const MAX_STRING = 16 * 1024 ** 2;

/**
 * Finds and decodes the Go build info of a binary. ELF: the `.go.buildinfo` section (where the linker puts
 * it), else a scan of the file. Mach-O and PE: a scan (their sections are not parsed), so only Go ≥1.18's
 * inline format is read there. Header: the 14-byte magic, pointer size, flags; Go ≥1.18 (flag 2) follows it
 * with two varint-length-prefixed strings at offset 32; older linkers store two pointers to Go string
 * headers at offset 16, read here through the ELF load segments.
 */
export function findBuildInfo(data: Buffer, format: BinaryFormat): BlobOutcome {
  const elf = format === 'elf' ? parseElf(data) : undefined;
  const section = elf?.section('.go.buildinfo');
  const haystack = section ?? data;
  let firstError: string | undefined;
  for (let at = haystack.indexOf(MAGIC); at >= 0; at = haystack.indexOf(MAGIC, at + 1)) {
    const outcome = decodeAt(haystack.subarray(at), elf);
    if (outcome.kind === 'found') return outcome;
    if (outcome.kind === 'error') firstError ??= outcome.reason;
  }
  // the magic also appears as a plain string in programs that read build info (the go command itself)
  return firstError && section ? { kind: 'error', reason: firstError } : { kind: 'none' };
}

function decodeAt(blob: Buffer, elf: ElfFile | undefined): BlobOutcome {
  if (blob.length < HEADER_BYTES) return { kind: 'none' };
  const ptrSize = blob[14]!;
  const flags = blob[15]!;
  if (ptrSize !== 4 && ptrSize !== 8) return { kind: 'none' };
  if (flags & FLAG_INLINE) {
    const version = readVarString(blob, HEADER_BYTES);
    const modinfo = version && readVarString(blob, version.end);
    if (!version || !modinfo) return { kind: 'error', reason: 'Go build info strings run past the section' };
    return checked(version.text, modinfo.text);
  }
  if (!elf)
    return {
      kind: 'error',
      reason: 'Go build info in the pre-1.18 pointer format is only read from ELF binaries',
    };
  const big = (flags & FLAG_BIG_ENDIAN) !== 0;
  const version = readGoString(elf, readPtr(blob, 16, ptrSize, big), ptrSize, big);
  const modinfo = readGoString(elf, readPtr(blob, 16 + ptrSize, ptrSize, big), ptrSize, big);
  if (version === undefined || modinfo === undefined) {
    return { kind: 'error', reason: 'Go build info pointers lead outside the binary' };
  }
  return checked(version, modinfo);
}

function checked(goVersion: string, rawModinfo: string): BlobOutcome {
  if (!/^(go|devel)/.test(goVersion)) return { kind: 'none' };
  return { kind: 'found', value: { goVersion, modinfo: stripSentinels(rawModinfo) } };
}

/**
 * The linker wraps modinfo in two 16-byte markers; the text ends with a newline before the second. Strings
 * are read as latin1 so that characters and bytes line up here, then decoded as the UTF-8 they are.
 */
function stripSentinels(modinfo: string): string {
  const n = modinfo.length;
  const text = n >= 33 && modinfo[n - 17] === '\n' ? modinfo.slice(16, n - 16) : modinfo;
  return Buffer.from(text, 'latin1').toString('utf8');
}

function readVarString(blob: Buffer, at: number): { text: string; end: number } | undefined {
  let length = 0;
  let shift = 0;
  let offset = at;
  for (;;) {
    if (offset >= blob.length || shift > 35) return undefined;
    const byte = blob[offset++]!;
    length += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) break;
  }
  if (length > MAX_STRING || offset + length > blob.length) return undefined;
  return { text: blob.toString('latin1', offset, offset + length), end: offset + length };
}

function readPtr(blob: Buffer, at: number, size: number, big: boolean): number {
  if (size === 4) return big ? blob.readUInt32BE(at) : blob.readUInt32LE(at);
  const value = big ? blob.readBigUInt64BE(at) : blob.readBigUInt64LE(at);
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : Number.NaN;
}

/** A Go string header (data pointer, length) at `address`, and the bytes it points to. */
function readGoString(elf: ElfFile, address: number, ptrSize: number, big: boolean): string | undefined {
  const header = elf.readAt(address, 2 * ptrSize);
  if (!header) return undefined;
  const dataAddress = readPtr(header, 0, ptrSize, big);
  const length = readPtr(header, ptrSize, ptrSize, big);
  if (length === 0) return '';
  if (!(length <= MAX_STRING)) return undefined;
  return elf.readAt(dataAddress, length)?.toString('latin1');
}
