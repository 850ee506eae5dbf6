import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withTree } from '../../../../test/fixtures/ecosystems/os-tree.js';
import { memoryImage, memoryLayer } from '../../../../test/support/layers.js';
import { readImageTree } from '../../../fs/read-image-tree.js';
import { runCatalogers, selectorFor } from '../../run.js';
import { apkCataloger } from './index.js';

const fixture = readFileSync(new URL('./__fixtures__/installed', import.meta.url), 'utf8');

describe('apkCataloger', () => {
  it('reports packages with purl, origin, licences and files, and an unknown for the bad block', async () => {
    const result = await withTree({ '/lib/apk/db/installed': fixture }, (tree) =>
      runCatalogers(tree, [apkCataloger], { distro: { id: 'alpine', versionId: '3.18.4' } }),
    );
    expect(result.packages.map((p) => p.purl)).toEqual([
      'pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.18.4',
      'pkg:apk/alpine/libcrypto3@3.1.3-r0?arch=x86_64&distro=alpine-3.18.4&upstream=openssl',
      'pkg:apk/alpine/oldstyle@1.0-r0?distro=alpine-3.18.4',
      'pkg:apk/alpine/weird-licence@2-r1?distro=alpine-3.18.4',
    ]);
    expect(result.packages[1]).toMatchObject({
      type: 'apk',
      licenses: ['Apache-2.0'],
      source: { name: 'openssl', version: '3.1.3-r0' },
      layer: 0,
      foundBy: 'apk',
      locations: [{ path: '/lib/apk/db/installed', layer: 0 }],
      metadata: {
        architecture: 'x86_64',
        buildTime: 1695049331,
        files: expect.arrayContaining(['/lib/libcrypto.so.3']),
      },
    });
    expect(result.unknowns).toEqual([
      {
        path: '/lib/apk/db/installed',
        layer: 0,
        cataloger: 'apk',
        reason: '1 unreadable package block(s): package block 4 has no P: or V: line',
      },
    ]);
  });

  it('names the distribution in the namespace: wolfi, and alpine when none was detected', async () => {
    const db = 'P:glibc\nV:2.38-r5\nA:aarch64\no:glibc\n';
    const wolfi = await withTree({ '/lib/apk/db/installed': db }, (tree) =>
      runCatalogers(tree, [apkCataloger], { distro: { id: 'wolfi', versionId: '20230201' } }),
    );
    expect(wolfi.packages[0]?.purl).toBe('pkg:apk/wolfi/glibc@2.38-r5?arch=aarch64&distro=wolfi-20230201');
    const none = await withTree({ '/lib/apk/db/installed': db }, (tree) =>
      runCatalogers(tree, [apkCataloger]),
    );
    expect(none.packages[0]?.purl).toBe('pkg:apk/alpine/glibc@2.38-r5?arch=aarch64');
  });

  it('follows a /lib that links to /usr/lib and reads the database once', async () => {
    const result = await withTree(
      { '/usr/lib/apk/db/installed': 'P:musl\nV:1.2.5-r0\n', '/lib': { symlink: 'usr/lib' } },
      (tree) => runCatalogers(tree, [apkCataloger]),
    );
    expect(result.packages.map((p) => [p.name, p.locations[0]?.path])).toEqual([
      ['musl', '/usr/lib/apk/db/installed'],
    ]);
  });

  it('reports a database with no blocks at all as an unknown', async () => {
    const result = await withTree({ '/lib/apk/db/installed': '\u0000\u0000\u0000' }, (tree) =>
      runCatalogers(tree, [apkCataloger]),
    );
    expect(result.packages).toEqual([]);
    expect(result.unknowns.map((u) => u.reason)).toEqual([
      '1 unreadable package block(s): package block 1 has no P: or V: line',
    ]);
  });

  it('attributes each package to the layer that added its current version', async () => {
    const block = (name: string, version: string): string => `P:${name}\nV:${version}\nA:x86_64\n`;
    const v0 = [block('musl', '1.2.4-r1'), block('zlib', '1.2.13-r1')].join('\n');
    const v1 = [block('musl', '1.2.4-r1'), block('zlib', '1.2.13-r1'), block('curl', '8.4.0-r0')].join('\n');
    const v2 = [block('musl', '1.2.4-r2'), block('zlib', '1.2.13-r1'), block('curl', '8.4.0-r0')].join('\n');
    const layers = await Promise.all(
      [v0, v1, v2].map((content) => memoryLayer([{ name: 'lib/apk/db/installed', content }])),
    );
    const tree = await readImageTree(memoryImage(layers), { select: selectorFor([apkCataloger]) });
    const result = await runCatalogers(tree, [apkCataloger]);
    await tree.close();
    expect(result.packages.map((p) => [p.name, p.version, p.layer])).toEqual([
      ['musl', '1.2.4-r2', 2],
      ['zlib', '1.2.13-r1', 0],
      ['curl', '8.4.0-r0', 1],
    ]);
  });
});
