import type { FileEntry, FileTree } from '../../../fs/types.js';

export type BinaryFormat = 'elf' | 'macho' | 'pe';

/** Smaller than any real Go or Rust executable; keeps scripts and stubs out of the content store. */
export const MIN_BINARY_BYTES = 1024;

/**
 * The content selector of the binary catalogers (Cataloger.wants): executables anywhere, since no glob can
 * name where a Go or Rust program is installed. Mode bits and size only; the format is checked later.
 */
export function wantsExecutable(_path: string, size: number, mode: number): boolean {
  return (mode & 0o111) !== 0 && size >= MIN_BINARY_BYTES;
}

/** The executable format named by a file's first bytes, or undefined for scripts, data and the rest. */
export function sniffFormat(head: Buffer): BinaryFormat | undefined {
  if (head.length < 4) return undefined;
  if (head.readUInt32BE(0) === 0x7f454c46) return 'elf';
  const magic = head.readUInt32LE(0);
  // thin Mach-O in either byte order and width; fat (0xcafebabe) is left out: Java class files share it
  if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe].includes(magic)) return 'macho';
  if (head[0] === 0x4d && head[1] === 0x5a) return 'pe';
  return undefined;
}

/**
 * One streaming pass over a file: its executable format from the first bytes (undefined, and the stream
 * closed at once, for anything else), and whether `needle` occurs anywhere in it (the pass stops at the
 * first hit). Nothing but a small overlap is kept, so a large binary without the needle costs no memory.
 */
export async function scanExecutable(
  tree: FileTree,
  entry: FileEntry,
  needle: Buffer,
): Promise<{ format: BinaryFormat; found: boolean } | undefined> {
  const stream = await tree.openFile(entry);
  let format: BinaryFormat | undefined;
  let carry: Buffer = Buffer.alloc(0);
  try {
    for await (const chunk of stream) {
      const window: Buffer = carry.length ? Buffer.concat([carry, chunk as Buffer]) : (chunk as Buffer);
      if (!format) {
        if (window.length < 16) {
          carry = window;
          continue;
        }
        format = sniffFormat(window);
        if (!format) return undefined;
      }
      if (window.includes(needle)) return { format, found: true };
      carry = window.subarray(Math.max(0, window.length - needle.length + 1));
    }
  } finally {
    stream.destroy();
  }
  if (!format) format = sniffFormat(carry);
  return format ? { format, found: false } : undefined;
}
