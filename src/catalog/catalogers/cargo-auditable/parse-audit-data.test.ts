import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { makeElf } from '../executables/__fixtures__/elf-builder.js';
import { parseAuditData } from './parse-audit-data.js';

/** Audit data as auditable-serde documents it; written by hand for the unit tests. */
const AUDIT = {
  packages: [
    { name: 'adler', version: '1.0.2', source: 'crates.io' },
    { name: 'cc', version: '1.0.79', source: 'crates.io', kind: 'build' },
    { name: 'my-tool', version: '0.4.0', source: 'local', dependencies: [0, 1], root: true },
    { name: 'forked', version: '0.1.0', source: 'git' },
    { name: 'no-version', source: 'crates.io' },
  ],
};

const elfWith = (section: Buffer) =>
  makeElf([
    { name: '.text', data: Buffer.alloc(64) },
    { name: '.dep-v0', data: section },
  ]);

describe('parseAuditData', () => {
  it('reads the zlib-compressed JSON of the .dep-v0 section', () => {
    const outcome = parseAuditData(elfWith(deflateSync(JSON.stringify(AUDIT))), 'elf');
    expect(outcome).toEqual({
      kind: 'found',
      value: [
        { name: 'adler', version: '1.0.2', metadata: { source: 'crates.io' } },
        { name: 'cc', version: '1.0.79', metadata: { source: 'crates.io', kind: 'build' } },
        { name: 'my-tool', version: '0.4.0', metadata: { source: 'local', root: true, dependencies: 2 } },
        { name: 'forked', version: '0.1.0', metadata: { source: 'git' } },
      ],
    });
  });

  it('is none for an ELF without the section', () => {
    expect(parseAuditData(makeElf([{ name: '.text', data: Buffer.alloc(64) }]), 'elf')).toEqual({
      kind: 'none',
    });
  });

  it.each([
    ['not zlib', Buffer.from('{"packages":[]}'), /not zlib data/],
    ['not JSON', deflateSync('packages: yes'), /invalid JSON/],
    ['no packages list', deflateSync('{"format":1}'), /no packages list/],
    [
      'a zlib bomb',
      deflateSync(Buffer.alloc(80 * 1024 ** 2, 0x20)),
      /not zlib data: .*(buffer|length|size)/i,
    ],
    ['truncated zlib', deflateSync(JSON.stringify(AUDIT)).subarray(0, 20), /not zlib data/],
  ])('is an error for %s', (_, section, reason) => {
    const outcome = parseAuditData(elfWith(section), 'elf');
    expect(outcome.kind).toBe('error');
    expect(outcome.kind === 'error' && outcome.reason).toMatch(reason);
  });

  it('says it does not read Mach-O and PE', () => {
    expect(parseAuditData(Buffer.from('MZ'), 'pe')).toEqual({
      kind: 'error',
      reason: 'cargo auditable data in pe binaries is not read',
    });
  });
});
