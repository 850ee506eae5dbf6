import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { memoryImage, memoryLayer } from '../../../../test/support/layers.js';
import { readImageTree } from '../../../fs/read-image-tree.js';
import { runCatalogers, selectorFor } from '../../run.js';
import { makeElf } from '../executables/__fixtures__/elf-builder.js';
import { cargoAuditableCataloger } from './index.js';

const binary = (crates: [string, string][]) =>
  makeElf([
    { name: '.text', data: Buffer.alloc(2048) },
    {
      name: '.dep-v0',
      data: deflateSync(
        JSON.stringify({
          packages: crates.map(([name, version]) => ({ name, version, source: 'crates.io' })),
        }),
      ),
    },
  ]);

describe('cargo-auditable cataloger', () => {
  it('reads executables anywhere, attributes layers, skips other binaries and non-executables', async () => {
    const layers = [
      await memoryLayer([
        {
          name: 'usr/local/bin/tool',
          content: binary([
            ['itoa', '1.0.1'],
            ['ryu', '1.0.2'],
          ]),
          mode: 0o755,
        },
        {
          name: 'usr/local/bin/plain',
          content: makeElf([{ name: '.text', data: Buffer.alloc(2048) }]),
          mode: 0o755,
        },
        { name: 'data/tool-copy', content: binary([['itoa', '9.9.9']]), mode: 0o644 },
      ]),
      await memoryLayer([
        {
          name: 'usr/local/bin/tool',
          content: binary([
            ['itoa', '1.0.1'],
            ['ryu', '1.0.18'],
          ]),
          mode: 0o755,
        },
      ]),
    ];
    const tree = await readImageTree(memoryImage(layers), { select: selectorFor([cargoAuditableCataloger]) });
    const result = await runCatalogers(tree, [cargoAuditableCataloger]);
    expect(result.unknowns).toEqual([]);
    expect(result.packages.map((p) => `${p.purl} ${p.locations[0]!.path} introduced:${p.layer}`)).toEqual([
      'pkg:cargo/itoa@1.0.1 /usr/local/bin/tool introduced:0',
      'pkg:cargo/ryu@1.0.18 /usr/local/bin/tool introduced:1',
    ]);
    expect(result.packages[0]).toMatchObject({
      type: 'cargo',
      foundBy: 'cargo-auditable',
      metadata: { source: 'crates.io' },
    });
    await tree.close();
  });
});
