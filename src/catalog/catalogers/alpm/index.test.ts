import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { withTree } from '../../../../test/fixtures/ecosystems/os-tree.js';
import { memoryImage, memoryLayer } from '../../../../test/support/layers.js';
import { readImageTree } from '../../../fs/read-image-tree.js';
import { runCatalogers, selectorFor } from '../../run.js';
import { alpmCataloger } from './index.js';

const read = (name: string): string =>
  readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const local = '/var/lib/pacman/local';

describe('alpmCataloger', () => {
  it('reports each desc as a package with files, and unreadable ones as unknowns', async () => {
    const result = await withTree(
      {
        [`${local}/ALPM_DB_VERSION`]: '9\n',
        [`${local}/zstd-1.5.5-1/desc`]: read('desc'),
        [`${local}/zstd-1.5.5-1/files`]: read('files'),
        [`${local}/broken-1-1/desc`]: '%NAME%\nbroken\n',
        [`${local}/no-desc-1-1/files`]: '%FILES%\n',
      },
      (tree) => runCatalogers(tree, [alpmCataloger], { distro: { id: 'arch' } }),
    );
    expect(result.unknowns).toEqual([
      {
        path: `${local}/broken-1-1/desc`,
        layer: 0,
        cataloger: 'alpm',
        reason: 'no %NAME% or %VERSION% section',
      },
    ]);
    expect(result.packages).toHaveLength(1);
    expect(result.packages[0]).toMatchObject({
      type: 'alpm',
      name: 'zstd',
      version: '1.5.5-1',
      purl: 'pkg:alpm/arch/zstd@1.5.5-1?arch=x86_64&distro=arch',
      licenses: ['BSD', 'GPL2'],
      source: { name: 'zstd', version: '1.5.5-1' },
      layer: 0,
      locations: [
        { path: `${local}/zstd-1.5.5-1/desc`, layer: 0 },
        { path: `${local}/zstd-1.5.5-1/files`, layer: 0 },
      ],
      metadata: { files: ['/usr/bin/zstd', '/usr/bin/zstdcat', '/usr/lib/libzstd.so.1.5.5'] },
    });
  });

  it('attributes an upgraded package to the upgrading layer and a rewritten one to its first', async () => {
    const desc = (name: string, version: string): string => `%NAME%\n${name}\n\n%VERSION%\n${version}\n`;
    const layers = [
      await memoryLayer([
        { name: 'var/lib/pacman/local/a-1.0-1/desc', content: desc('a', '1.0-1') },
        { name: 'var/lib/pacman/local/b-2.0-1/desc', content: desc('b', '2.0-1') },
      ]),
      await memoryLayer([
        { name: 'var/lib/pacman/local/.wh.a-1.0-1', content: '' },
        { name: 'var/lib/pacman/local/a-1.1-1/desc', content: desc('a', '1.1-1') },
      ]),
      await memoryLayer([
        { name: 'var/lib/pacman/local/b-2.0-1/desc', content: `${desc('b', '2.0-1')}\n%REASON%\n1\n` },
      ]),
    ];
    const tree = await readImageTree(memoryImage(layers), { select: selectorFor([alpmCataloger]) });
    const result = await runCatalogers(tree, [alpmCataloger]);
    await tree.close();
    expect(result.packages.map((p) => [p.name, p.version, p.layer, p.purl])).toEqual([
      ['a', '1.1-1', 1, 'pkg:alpm/arch/a@1.1-1'],
      ['b', '2.0-1', 0, 'pkg:alpm/arch/b@2.0-1'],
    ]);
  });
});
