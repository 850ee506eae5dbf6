import { describe, expect, it } from 'vitest';
import { memoryImage, memoryLayer } from '../../../../test/support/layers.js';
import { readImageTree } from '../../../fs/read-image-tree.js';
import { runCatalogers, selectorFor } from '../../run.js';
import { makeElf } from '../executables/__fixtures__/elf-builder.js';
import { inlineBlob, SAMPLE_MODINFO, wrapModinfo } from './__fixtures__/buildinfo.js';
import { goBinaryCataloger } from './index.js';

const goBinary = (goVersion: string, modinfo = SAMPLE_MODINFO) =>
  makeElf([
    { name: '.text', data: Buffer.alloc(2048) },
    { name: '.go.buildinfo', data: inlineBlob(goVersion, wrapModinfo(modinfo)) },
  ]);

describe('go-binary cataloger', () => {
  it('reports main module, resolved deps and stdlib, anywhere, by mode bits; attributes layers', async () => {
    const v1 = goBinary('go1.22.1');
    const layers = [
      await memoryLayer([
        { name: 'opt/', type: 'directory' },
        { name: 'opt/tool', content: v1, mode: 0o755 },
        { name: 'opt/not-executable', content: v1, mode: 0o644 },
        {
          name: 'opt/c-program',
          content: makeElf([{ name: '.text', data: Buffer.alloc(4096) }]),
          mode: 0o755,
        },
      ]),
      // the toolchain is upgraded in layer 1; the dependencies stay
      await memoryLayer([{ name: 'opt/tool', content: goBinary('go1.22.5'), mode: 0o755 }]),
    ];
    const tree = await readImageTree(memoryImage(layers), { select: selectorFor([goBinaryCataloger]) });
    const result = await runCatalogers(tree, [goBinaryCataloger]);
    expect(result.unknowns).toEqual([]);
    expect(result.packages.map((p) => `${p.purl} introduced:${p.layer}`)).toEqual([
      'pkg:golang/example.invalid/tool introduced:0',
      'pkg:golang/golang.org/x/mod@v0.7.0 introduced:0',
      'pkg:golang/example.invalid/text-fork@v0.7.1 introduced:0',
      'pkg:golang/github.com/Azure/go-autorest@v14.2.0+incompatible introduced:0',
      'pkg:golang/example.invalid/local@v1.0.0 introduced:0',
      'pkg:golang/stdlib@v1.22.5 introduced:1',
    ]);
    const byName = new Map(result.packages.map((p) => [p.name, p]));
    expect(byName.get('example.invalid/tool')).toMatchObject({
      version: '(devel)',
      metadata: { mainModule: true },
    });
    expect(byName.get('example.invalid/text-fork')?.metadata).toMatchObject({
      replaces: 'golang.org/x/text@v0.7.0',
    });
    expect(byName.get('example.invalid/local')?.metadata).toMatchObject({ replacedBy: '../local' });
    expect(byName.get('stdlib')).toMatchObject({
      type: 'golang',
      foundBy: 'go-binary',
      locations: [{ path: '/opt/tool', layer: 1 }],
    });
    await tree.close();
  });

  it('makes an unknown of a broken Go binary and of one over the read limit', async () => {
    const broken = makeElf([
      { name: '.text', data: Buffer.alloc(2048) },
      { name: '.go.buildinfo', data: inlineBlob('go1.22.1', wrapModinfo(SAMPLE_MODINFO)).subarray(0, 40) },
    ]);
    const layers = [
      await memoryLayer([
        { name: 'broken', content: broken, mode: 0o755 },
        { name: 'big', content: Buffer.concat([goBinary('go1.22.1'), Buffer.alloc(4096)]), mode: 0o755 },
      ]),
    ];
    const tree = await readImageTree(memoryImage(layers), { select: selectorFor([goBinaryCataloger]) });
    const result = await runCatalogers(tree, [goBinaryCataloger], { limits: { maxFileBytes: 5000 } });
    expect(result.packages).toEqual([]);
    expect(result.unknowns.map((u) => [u.path, u.reason])).toEqual([
      ['/big', expect.stringMatching(/over the 5000-byte read limit/)],
      ['/broken', 'Go build info strings run past the section'],
    ]);
    await tree.close();
  });
});
