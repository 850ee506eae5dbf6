import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readDirectoryTree } from '../../../fs/read-directory-tree.js';
import { makeElf } from './__fixtures__/elf-builder.js';
import { scanExecutable, sniffFormat, wantsExecutable } from './format.js';

describe('sniffFormat', () => {
  it.each([
    ['ELF', Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), 'elf'],
    ['Mach-O 64 little-endian', Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), 'macho'],
    ['Mach-O 32 big-endian', Buffer.from([0xfe, 0xed, 0xfa, 0xce]), 'macho'],
    ['PE', Buffer.from('MZ\x90\x00', 'latin1'), 'pe'],
    ['Java class (fat Mach-O magic)', Buffer.from([0xca, 0xfe, 0xba, 0xbe]), undefined],
    ['script', Buffer.from('#!/bin/sh\n'), undefined],
    ['too short', Buffer.from('\x7fE', 'latin1'), undefined],
  ])('%s', (_, head, format) => {
    expect(sniffFormat(head)).toBe(format);
  });
});

describe('wantsExecutable', () => {
  it.each([
    [0o755, 4096, true],
    [0o700, 4096, true],
    [0o644, 4096, false],
    [0o755, 100, false],
  ])('mode %o, %d bytes → %s', (mode, size, wanted) => {
    expect(wantsExecutable('/x', size, mode)).toBe(wanted);
  });
});

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('scanExecutable', () => {
  it('finds a needle that straddles two stream chunks, and stops at non-binaries', async () => {
    const root = mkdtempSync(join(tmpdir(), 'scan-executable-'));
    dirs.push(root);
    const needle = Buffer.from('\xff Go buildinf:', 'latin1');
    const elf = makeElf([{ name: '.data', data: Buffer.alloc(200_000) }]);
    // fs read streams deliver 64 KiB chunks: put the needle across the first boundary
    needle.copy(elf, 65536 - 7);
    writeFileSync(join(root, 'go'), elf);
    writeFileSync(join(root, 'plain'), makeElf([{ name: '.data', data: Buffer.alloc(200_000) }]));
    writeFileSync(join(root, 'script'), `#!/bin/sh\n${'echo \xff Go buildinf:\n'.repeat(100)}`);
    for (const name of ['go', 'plain', 'script']) chmodSync(join(root, name), 0o755);
    const tree = await readDirectoryTree(root);
    expect(await scanExecutable(tree, tree.get('/go')!, needle)).toEqual({ format: 'elf', found: true });
    expect(await scanExecutable(tree, tree.get('/plain')!, needle)).toEqual({ format: 'elf', found: false });
    expect(await scanExecutable(tree, tree.get('/script')!, needle)).toBeUndefined();
  });
});
