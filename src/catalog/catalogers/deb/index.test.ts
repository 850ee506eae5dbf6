import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withTree } from '../../../../test/fixtures/ecosystems/os-tree.js';
import { memoryImage, memoryLayer } from '../../../../test/support/layers.js';
import { readImageTree } from '../../../fs/read-image-tree.js';
import type { Distro } from '../../../sbom/types.js';
import { runCatalogers, selectorFor } from '../../run.js';
import { debCataloger } from './index.js';

const fixture = (name: string): string =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const debian12: Distro = { id: 'debian', versionId: '12', codename: 'bookworm' };

describe('debCataloger over a dpkg status file', () => {
  const files = {
    '/var/lib/dpkg/status': fixture('status'),
    '/var/lib/dpkg/info/base-files.list':
      '/.\n/etc\n/etc/debian_version\n/usr/share/doc/base-files/copyright\n',
    '/var/lib/dpkg/info/libbz2-1.0:amd64.list': '/.\n/lib\n/lib/x86_64-linux-gnu/libbz2.so.1.0.4\n',
    '/var/lib/dpkg/info/libc-bin.list': '/sbin/ldconfig\n',
    '/etc/debian_version': '12.4\n',
    '/lib/x86_64-linux-gnu/libbz2.so.1.0.4': 'ELF',
    '/sbin/ldconfig': 'ELF',
    '/usr/share/doc/base-files/copyright':
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: *\nCopyright: x\nLicense: GPL-2+\n',
    '/usr/share/doc/libssl3/copyright': fixture('copyright-dep5'),
  };

  it('reports installed packages with purl, source, arch, files, licences and evidence', async () => {
    const result = await withTree(files, (tree) => runCatalogers(tree, [debCataloger], { distro: debian12 }));
    expect(result.unknowns).toEqual([]);
    expect(result.packages.map((p) => p.purl)).toEqual([
      'pkg:deb/debian/base-files@12.4+deb12u5?arch=amd64&distro=debian-12',
      'pkg:deb/debian/libbz2-1.0@1.0.8-5+b1?arch=amd64&distro=debian-12&upstream=bzip2%401.0.8-5',
      'pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl',
      'pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=i386&distro=debian-12&upstream=openssl',
      'pkg:deb/debian/libc-bin@2.36-9+deb12u3?arch=amd64&distro=debian-12&upstream=glibc',
    ]);
    const [baseFiles, bzip2, ssl] = result.packages;
    expect(baseFiles).toMatchObject({
      type: 'deb',
      name: 'base-files',
      version: '12.4+deb12u5',
      licenses: ['GPL-2.0-or-later'],
      layer: 0,
      foundBy: 'deb',
      source: { name: 'base-files', version: '12.4+deb12u5' },
      locations: [
        { path: '/var/lib/dpkg/status', layer: 0 },
        { path: '/var/lib/dpkg/info/base-files.list', layer: 0 },
        { path: '/usr/share/doc/base-files/copyright', layer: 0 },
      ],
      metadata: { architecture: 'amd64', installedSize: 385, multiArch: 'foreign' },
    });
    // directories in the list are dropped when the tree shows them as directories
    expect(baseFiles?.metadata?.files).toEqual([
      '/etc/debian_version',
      '/usr/share/doc/base-files/copyright',
    ]);
    expect(bzip2).toMatchObject({
      source: { name: 'bzip2', version: '1.0.8-5' },
      licenses: [],
      metadata: { files: ['/lib/x86_64-linux-gnu/libbz2.so.1.0.4'] },
    });
    expect(ssl?.licenses).toContain('BSD-3-Clause OR GPL-2.0-or-later');
    expect(new Set(result.packages.map((p) => p.id)).size).toBe(5);
  });

  it('falls back to namespace debian and no distro qualifier without a detected distro', async () => {
    const result = await withTree(files, (tree) => runCatalogers(tree, [debCataloger]));
    expect(result.packages[0]?.purl).toBe('pkg:deb/debian/base-files@12.4+deb12u5?arch=amd64');
  });

  it('turns an unreadable status into an unknown and still reads status.d', async () => {
    const result = await withTree(
      {
        '/var/lib/dpkg/status': '\u0000\u0007 not a status file',
        '/var/lib/dpkg/status.d/tzdata': 'Package: tzdata\nVersion: 2024a-0+deb12u1\nArchitecture: all\n',
      },
      (tree) => runCatalogers(tree, [debCataloger]),
    );
    expect(result.unknowns).toEqual([
      {
        path: '/var/lib/dpkg/status',
        layer: 0,
        cataloger: 'deb',
        reason: '1 unreadable paragraph(s): no deb822 paragraphs',
      },
    ]);
    expect(result.packages.map((p) => p.name)).toEqual(['tzdata']);
  });
});

describe('debCataloger over distroless status.d', () => {
  it('reads one package per file, skips .md5sums files and takes files from them', async () => {
    const result = await withTree(
      {
        '/var/lib/dpkg/status.d/base-files':
          'Package: base-files\nVersion: 12.4+deb12u5\nArchitecture: amd64\nMaintainer: Santiago Vila <sanvila@debian.org>\n',
        '/var/lib/dpkg/status.d/libssl3':
          'Package: libssl3\nSource: openssl\nVersion: 3.0.11-1~deb12u2\nArchitecture: amd64\n',
        '/var/lib/dpkg/status.d/libssl3.md5sums':
          '0123456789abcdef0123456789abcdef  usr/lib/x86_64-linux-gnu/libssl.so.3\nnot a line\n',
        '/usr/share/doc/libssl3/copyright': fixture('copyright-dep5'),
      },
      (tree) => runCatalogers(tree, [debCataloger], { distro: { ...debian12, distroless: true } }),
    );
    expect(result.unknowns).toEqual([]);
    expect(result.packages.map((p) => [p.name, p.locations.map((l) => l.path)])).toEqual([
      ['base-files', ['/var/lib/dpkg/status.d/base-files']],
      [
        'libssl3',
        [
          '/var/lib/dpkg/status.d/libssl3',
          '/var/lib/dpkg/status.d/libssl3.md5sums',
          '/usr/share/doc/libssl3/copyright',
        ],
      ],
    ]);
    expect(result.packages[1]?.metadata?.files).toEqual(['/usr/lib/x86_64-linux-gnu/libssl.so.3']);
  });
});

describe('debCataloger introducing layers', () => {
  const paragraph = (name: string, version: string): string =>
    `Package: ${name}\nStatus: install ok installed\nArchitecture: amd64\nVersion: ${version}\n`;

  it('attributes each package to the layer that installed its current version', async () => {
    const statusV0 = [paragraph('base-files', '12.4'), paragraph('zlib1g', '1:1.2.13.dfsg-1')].join('\n');
    const statusV1 = [statusV0, paragraph('libssl3', '3.0.11-1')].join('\n');
    const statusV2 = [
      paragraph('base-files', '12.4'),
      paragraph('zlib1g', '1:1.2.13.dfsg-2'),
      paragraph('libssl3', '3.0.11-1'),
    ].join('\n');
    const layers = [
      await memoryLayer([{ name: 'var/lib/dpkg/status', content: statusV0 }]),
      await memoryLayer([{ name: 'var/lib/dpkg/status', content: statusV1 }]),
      await memoryLayer([{ name: 'etc/motd', content: 'unrelated\n' }]),
      await memoryLayer([{ name: 'var/lib/dpkg/status', content: statusV2 }]),
      await memoryLayer([{ name: 'var/lib/dpkg/status.d/tini', content: paragraph('tini', '0.19.0-1') }]),
    ];
    const tree = await readImageTree(memoryImage(layers), { select: selectorFor([debCataloger]) });
    const result = await runCatalogers(tree, [debCataloger]);
    await tree.close();
    expect(result.packages.map((p) => [p.name, p.version, p.layer])).toEqual([
      ['base-files', '12.4', 0],
      ['zlib1g', '1:1.2.13.dfsg-2', 3],
      ['libssl3', '3.0.11-1', 1],
      ['tini', '0.19.0-1', 4],
    ]);
    expect(result.packages[0]?.locations).toEqual([{ path: '/var/lib/dpkg/status', layer: 3 }]);
  });
});
