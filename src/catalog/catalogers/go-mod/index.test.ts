import { describe, expect, it } from 'vitest';
import { memoryImage, memoryLayer } from '../../../../test/support/layers.js';
import { readImageTree } from '../../../fs/read-image-tree.js';
import { runCatalogers, selectorFor } from '../../run.js';
import { goModCataloger } from './index.js';

const goMod = (requires: string[]) =>
  `module example.invalid/app\n\ngo 1.21\n\nrequire (\n${requires.map((r) => `\t${r}\n`).join('')})\n`;

describe('go-mod cataloger', () => {
  it('reports requirements with introducing layers, skips the module cache, makes unknowns of broken files', async () => {
    const layers = [
      await memoryLayer([
        { name: 'src/app/go.mod', content: goMod(['golang.org/x/mod v0.7.0', 'golang.org/x/text v0.6.0']) },
        {
          name: 'root/go/pkg/mod/golang.org/x/mod@v0.7.0/go.mod',
          content: goMod(['golang.org/x/tools v0.1.12']),
        },
      ]),
      await memoryLayer([
        { name: 'src/app/go.mod', content: goMod(['golang.org/x/mod v0.7.0', 'golang.org/x/text v0.7.0']) },
        { name: 'src/broken/go.mod', content: 'module x\nrequire (\n' },
      ]),
    ];
    const tree = await readImageTree(memoryImage(layers), { select: selectorFor([goModCataloger]) });
    const result = await runCatalogers(tree, [goModCataloger]);
    expect(result.packages.map((p) => `${p.purl} ${p.locations[0]!.path} introduced:${p.layer}`)).toEqual([
      'pkg:golang/golang.org/x/mod@v0.7.0 /src/app/go.mod introduced:0',
      'pkg:golang/golang.org/x/text@v0.7.0 /src/app/go.mod introduced:1',
    ]);
    expect(result.unknowns.map((u) => [u.path, u.reason])).toEqual([
      ['/src/broken/go.mod', 'go.mod: the require block is never closed'],
    ]);
    await tree.close();
  });
});
