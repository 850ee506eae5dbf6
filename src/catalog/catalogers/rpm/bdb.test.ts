import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readBdbHash } from './bdb.js';

/**
 * Berkeley DB files written by Berkeley DB itself (`db5.3_load` from Debian's db5.3-util), so the reader is
 * checked against the real page layout: small values on hash pages, big ones on overflow chains, both byte
 * orders, several page sizes.
 */
const scratch = mkdtempSync(join(tmpdir(), 'crowsnest-bdb-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function dbLoad(records: [Buffer, Buffer][], options: { pageSize: number; bigEndian?: boolean }): Buffer {
  const name = `db-${Math.random().toString(36).slice(2)}`;
  const lines = [`VERSION=3\nformat=bytevalue\ntype=hash\ndb_pagesize=${options.pageSize}\nHEADER=END\n`];
  for (const [key, value] of records) lines.push(` ${key.toString('hex')}\n`, ` ${value.toString('hex')}\n`);
  lines.push('DATA=END\n');
  writeFileSync(join(scratch, `${name}.txt`), lines.join(''));
  const order = options.bigEndian ? ['-c', 'db_lorder=4321'] : [];
  execFileSync('db5.3_load', [...order, '-f', join(scratch, `${name}.txt`), join(scratch, name)]);
  return readFileSync(join(scratch, name));
}

function sampleRecords(count: number): [Buffer, Buffer][] {
  return Array.from({ length: count }, (_, i) => {
    const key = Buffer.alloc(4);
    key.writeUInt32LE(i + 1);
    // every seventh value is big enough for an overflow chain of several pages
    const size = i % 7 === 0 ? 3000 + i * 13 : 20 + (i % 50);
    const value = Buffer.alloc(size, i % 251);
    value.write(`record ${i + 1}`);
    return [key, value];
  });
}

const sorted = (records: { key: Buffer; value: Buffer }[]): string[] =>
  records.map((r) => `${r.key.toString('hex')}=${r.value.toString('hex')}`).sort();

describe('readBdbHash over files written by db5.3_load', () => {
  it.each([
    [512, false],
    [4096, false],
    [512, true],
    [16384, true],
  ])('page size %i, big-endian %s: every record, on-page and overflow', (pageSize, bigEndian) => {
    const records = sampleRecords(400);
    const file = dbLoad(records, { pageSize, bigEndian });
    const read = readBdbHash(file);
    expect(read).toHaveLength(400);
    expect(sorted(read)).toEqual(sorted(records.map(([key, value]) => ({ key, value }))));
  });

  it('reads an empty database as no records', () => {
    expect(readBdbHash(dbLoad([], { pageSize: 4096 }))).toEqual([]);
  });

  it('refuses files that are not BDB hash databases', () => {
    expect(() => readBdbHash(Buffer.alloc(100))).toThrow('too short');
    expect(() => readBdbHash(Buffer.alloc(4096))).toThrow('not a Berkeley DB hash database');
    const file = Buffer.from(dbLoad(sampleRecords(3), { pageSize: 512 }));
    file.writeUInt32LE(3, 20);
    expect(() => readBdbHash(file)).toThrow('invalid Berkeley DB page size 3');
  });

  it('skips values whose overflow chains loop, leave the file or change page type', () => {
    const records = sampleRecords(8);
    const file = Buffer.from(dbLoad(records, { pageSize: 512 }));
    const pages = file.length / 512;
    // point every overflow page's next link at itself: chains now loop
    for (let page = 1; page < pages; page += 1) {
      if (file[page * 512 + 25] === 7 && file.readUInt32LE(page * 512 + 16) !== 0)
        file.writeUInt32LE(page, page * 512 + 16);
    }
    const read = readBdbHash(file);
    expect(read.length).toBeLessThan(8);
    expect(read.every((r) => r.value.length < 512)).toBe(true);
  });

  it('never throws on corrupted pages', () => {
    const file = dbLoad(sampleRecords(50), { pageSize: 512 });
    let seed = 11;
    for (let round = 0; round < 300; round += 1) {
      const copy = Buffer.from(file);
      for (let flips = 0; flips < 20; flips += 1) {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        copy[512 + (seed % (copy.length - 512))] = seed % 256;
      }
      expect(() => readBdbHash(copy)).not.toThrow();
    }
  });
});
