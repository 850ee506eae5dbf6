import { describe, expect, it } from 'vitest';
import { BASE, makeElf } from './__fixtures__/elf-builder.js';
import { parseElf } from './elf.js';

const sections = [
  { name: '.text', data: Buffer.from('code code code') },
  { name: '.dep-v0', data: Buffer.from('payload') },
];

describe('parseElf', () => {
  it.each([
    ['64-bit little-endian', { is64: true, bigEndian: false }],
    ['64-bit big-endian', { is64: true, bigEndian: true }],
    ['32-bit little-endian', { is64: false, bigEndian: false }],
    ['32-bit big-endian', { is64: false, bigEndian: true }],
  ])('finds sections by name and reads by virtual address: %s', (_, options) => {
    const elf = parseElf(makeElf(sections, options))!;
    expect(elf.is64).toBe(options.is64);
    expect(elf.bigEndian).toBe(options.bigEndian);
    expect(elf.sections.map((s) => s.name)).toEqual(['', '.text', '.dep-v0', '.shstrtab']);
    expect(elf.section('.dep-v0')?.toString()).toBe('payload');
    expect(elf.section('.missing')).toBeUndefined();
    const text = elf.sections.find((s) => s.name === '.text')!;
    expect(text.addr).toBe(BASE + text.offset);
    expect(elf.readAt(text.addr + 5, 4)?.toString()).toBe('code');
    expect(elf.readAt(BASE + 10_000_000, 4)).toBeUndefined();
  });

  it('reads a real binary of this machine', async () => {
    const { readFileSync } = await import('node:fs');
    const elf = parseElf(readFileSync('/usr/bin/true'))!;
    expect(elf.sections.map((s) => s.name)).toContain('.text');
    expect(elf.section('.go.buildinfo')).toBeUndefined();
  });

  const valid = makeElf(sections);
  it.each([
    ['not ELF', Buffer.from('#!/bin/sh\necho hi\n'.repeat(10))],
    ['empty', Buffer.alloc(0)],
    ['header only', valid.subarray(0, 40)],
    ['bad class byte', Buffer.concat([valid.subarray(0, 4), Buffer.from([9]), valid.subarray(5)])],
  ])('returns undefined for %s', (_, data) => {
    expect(parseElf(data)).toBeUndefined();
  });

  it.each([
    ['section headers cut off', valid.subarray(0, valid.length - 10)],
    ['section table offset past the end', patch(valid, 0x28, 0xffffffffn)],
    ['section offsets past the end', patchSection(valid, 2, 24, 0x7fffffffn)],
    ['huge 64-bit offset', patch(valid, 0x28, 0xffffffffffffffffn)],
  ])('never throws and never reads out of bounds: %s', (_, data) => {
    const elf = parseElf(data);
    expect(elf?.section('.dep-v0')?.toString() ?? 'absent').toMatch(/^(payload|absent)$/);
  });
});

function patch(data: Buffer, at: number, value: bigint): Buffer {
  const copy = Buffer.from(data);
  copy.writeBigUInt64LE(value, at);
  return copy;
}

function patchSection(data: Buffer, index: number, field: number, value: bigint): Buffer {
  const shoff = Number(data.readBigUInt64LE(0x28));
  return patch(data, shoff + index * 64 + field, value);
}
