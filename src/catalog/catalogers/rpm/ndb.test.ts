import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { writeNdb } from '../../../../test/fixtures/ecosystems/rpm-ndb.js';
import { packageHeader } from './__fixtures__/header-writer.js';
import { adler32, ndbConstants, readNdb } from './ndb.js';

const blobs = Array.from({ length: 300 }, (_, i) => ({
  pkgidx: i + 1,
  blob: packageHeader(`pkg-${i + 1}`, '1.0', `${i}.el9`),
}));

describe('readNdb', () => {
  it.each<[Parameters<typeof writeNdb>[1], string]>([
    [{}, 'packed'],
    [{ gapBlocks: 5, freeSlots: 2 }, 'with free blocks and free slots'],
  ])('reads every blob of a database %j (%s), over several slot pages', (options) => {
    const file = writeNdb(blobs, options);
    expect(file.readUInt32LE(12)).toBeGreaterThan(1);
    const read = readNdb(file);
    expect(read.problems).toEqual([]);
    expect(read.blobs).toEqual(blobs);
  });

  it('reports a damaged blob and reads the others', () => {
    const file = writeNdb(blobs.slice(0, 3));
    const second = file.readUInt32LE(ndbConstants.headerSize + 16 + 8) * 16;
    file[second + 30] = (file[second + 30]! + 1) % 256; // inside the header blob: checksum no longer matches
    const third = file.readUInt32LE(ndbConstants.headerSize + 32 + 8) * 16;
    file.writeUInt32LE(0, third); // head magic gone
    const read = readNdb(file);
    expect(read.blobs.map((b) => b.pkgidx)).toEqual([1]);
    expect(read.problems).toEqual(['package 2: blob checksum mismatch', 'package 3: bad blob header']);
  });

  it('reports slots that point outside the file or disagree with the blob length', () => {
    const file = writeNdb(blobs.slice(0, 2));
    file.writeUInt32LE(0xfffffff0, ndbConstants.headerSize + 8);
    file.writeUInt32LE(99, ndbConstants.headerSize + 16 + 12);
    expect(readNdb(file).problems).toEqual([
      'package 1: blob outside the file',
      'package 2: blob outside the file',
    ]);
  });

  it('refuses files that are not ndb databases', () => {
    expect(() => readNdb(Buffer.alloc(10))).toThrow('not an rpm ndb database');
    const file = writeNdb(blobs.slice(0, 1));
    file.writeUInt32LE(1000, 12);
    expect(() => readNdb(file)).toThrow('ndb header claims 1000 slot pages');
    const badSlot = writeNdb(blobs.slice(0, 1));
    badSlot.writeUInt32LE(0, ndbConstants.headerSize);
    expect(() => readNdb(badSlot)).toThrow('bad slot at byte 32');
  });
});

describe('adler32', () => {
  it('agrees with zlib', () => {
    for (const size of [0, 1, 5551, 5552, 5553, 100_000]) {
      const data = Buffer.alloc(size, 0xff);
      for (let i = 0; i < size; i += 7) data[i] = i % 256;
      const zlib = deflateSync(data, { level: 0 });
      expect(adler32(data)).toBe(zlib.readUInt32BE(zlib.length - 4));
    }
  });
});
