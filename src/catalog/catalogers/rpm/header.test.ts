import { describe, expect, it } from 'vitest';
import { headerBlob, packageHeader } from './__fixtures__/header-writer.js';
import { parseRpmHeader, rpmTags } from './header.js';

const full = headerBlob([
  { tag: 63, type: 'bin', value: Buffer.alloc(16) }, // the immutable region tag, ignored
  { tag: rpmTags.name, type: 'string', value: 'bash' },
  { tag: rpmTags.version, type: 'string', value: '5.1.8' },
  { tag: rpmTags.release, type: 'string', value: '6.el9_1' },
  { tag: rpmTags.epoch, type: 'int32', value: [0] },
  { tag: rpmTags.size, type: 'int32', value: [7738634] },
  { tag: rpmTags.vendor, type: 'string', value: 'Red Hat, Inc.' },
  { tag: rpmTags.license, type: 'string', value: 'GPLv3+' },
  { tag: rpmTags.arch, type: 'string', value: 'x86_64' },
  { tag: rpmTags.fileModes, type: 'int16', value: [0o40755, 0o100755, 0o120777] },
  { tag: rpmTags.sourceRpm, type: 'string', value: 'bash-5.1.8-6.el9_1.src.rpm' },
  { tag: rpmTags.dirIndexes, type: 'int32', value: [0, 1, 1] },
  { tag: rpmTags.baseNames, type: 'string-array', value: ['bash', 'bash', 'sh'] },
  { tag: rpmTags.dirNames, type: 'string-array', value: ['/usr/share/doc/', '/usr/bin/'] },
  { tag: rpmTags.modularityLabel, type: 'string', value: 'bash:5:9010020220101:abc' },
]);

describe('parseRpmHeader', () => {
  it('reads the package fields and joins file names, leaving directories out', () => {
    expect(parseRpmHeader(full)).toEqual({
      name: 'bash',
      version: '5.1.8',
      release: '6.el9_1',
      epoch: 0,
      size: 7738634,
      vendor: 'Red Hat, Inc.',
      license: 'GPLv3+',
      arch: 'x86_64',
      sourceRpm: 'bash-5.1.8-6.el9_1.src.rpm',
      modularityLabel: 'bash:5:9010020220101:abc',
      files: ['/usr/bin/bash', '/usr/bin/sh'],
    });
  });

  it('falls back to OLDFILENAMES, keeps all paths without FILEMODES and prefers LONGSIZE', () => {
    const blob = packageHeader('old', '1', '1', {
      extra: [
        { tag: rpmTags.oldFilenames, type: 'string-array', value: ['/etc/old.conf', '/usr/bin/old'] },
        { tag: rpmTags.size, type: 'int32', value: [1] },
      ],
    });
    expect(parseRpmHeader(blob)).toMatchObject({ files: ['/etc/old.conf', '/usr/bin/old'], size: 1 });
  });

  it.each<[string, Buffer, string]>([
    ['empty', Buffer.alloc(0), 'header blob of 0 bytes is too short'],
    ['no tags', Buffer.from([0, 0, 0, 0, 0, 0, 0, 0]), 'header blob claims 0 tags'],
    ['a tag count past rpm limits', Buffer.from([0, 1, 0, 0, 0, 0, 0, 0]), 'header blob claims 65536 tags'],
    [
      'a data length past rpm limits',
      Buffer.from([0, 0, 0, 1, 0x7f, 0, 0, 0]),
      'header blob claims 2130706432 data bytes',
    ],
    [
      'truncated',
      full.subarray(0, full.length - 1),
      `header blob of ${full.length - 1} bytes is shorter than its index says`,
    ],
    [
      'no name',
      headerBlob([{ tag: rpmTags.version, type: 'string', value: '1' }]),
      'header has no NAME, VERSION or RELEASE',
    ],
  ])('refuses %s', (_name, blob, error) => {
    expect(parseRpmHeader(blob)).toBe(error);
  });

  it('drops entries whose offsets or counts point outside the data', () => {
    const blob = Buffer.from(packageHeader('a', '1', '2', { epoch: 3 }));
    // index entry 3 is EPOCH: give it a count that runs past the data
    blob.writeUInt32BE(0x7fffffff, 8 + 3 * 16 + 12);
    // index entry 4 is ARCH: point it past the data
    blob.writeInt32BE(100000, 8 + 4 * 16 + 8);
    expect(parseRpmHeader(blob)).toEqual({ name: 'a', version: '1', release: '2', files: [] });
  });

  it('refuses a string without its terminating NUL and a negative offset', () => {
    const blob = Buffer.from(headerBlob([{ tag: rpmTags.name, type: 'string', value: 'x' }]));
    blob[blob.length - 1] = 0x41;
    expect(parseRpmHeader(blob)).toBe('header has no NAME, VERSION or RELEASE');
    const negative = Buffer.from(packageHeader('a', '1', '2'));
    negative.writeInt32BE(-1, 8 + 8);
    expect(parseRpmHeader(negative)).toBe('header has no NAME, VERSION or RELEASE');
  });

  it('ignores DIRINDEXES that do not match BASENAMES and indexes past DIRNAMES', () => {
    const mismatched = packageHeader('a', '1', '2', {
      extra: [
        { tag: rpmTags.dirIndexes, type: 'int32', value: [0] },
        { tag: rpmTags.baseNames, type: 'string-array', value: ['x', 'y'] },
        { tag: rpmTags.dirNames, type: 'string-array', value: ['/d/'] },
      ],
    });
    expect(parseRpmHeader(mismatched)).toMatchObject({ files: [] });
    const outOfRange = packageHeader('a', '1', '2', {
      extra: [
        { tag: rpmTags.dirIndexes, type: 'int32', value: [5] },
        { tag: rpmTags.baseNames, type: 'string-array', value: ['x'] },
        { tag: rpmTags.dirNames, type: 'string-array', value: ['/d/'] },
      ],
    });
    expect(parseRpmHeader(outOfRange)).toMatchObject({ files: [] });
  });

  it('never throws on random bytes', () => {
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let round = 0; round < 500; round += 1) {
      const blob = Buffer.from(full);
      for (let flips = 0; flips < 8; flips += 1) blob[random() % blob.length] = random() % 256;
      expect(() => parseRpmHeader(blob)).not.toThrow();
    }
  });
});
