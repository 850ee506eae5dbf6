import { describe, expect, it } from 'vitest';
import { catalogLayers } from '../lang-common/__fixtures__/trees.js';
import { cargoLockCataloger } from './index.js';

const lock = (crates: [string, string][]) =>
  `version = 3\n\n${crates.map(([n, v]) => `[[package]]\nname = "${n}"\nversion = "${v}"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n`).join('\n')}`;

describe('cargo-lock cataloger', () => {
  it('reports locked crates with introducing layers; skips cargo home sources; unknowns for broken locks', async () => {
    const result = await catalogLayers(
      [
        {
          '/src/app/Cargo.lock': lock([
            ['itoa', '1.0.1'],
            ['ryu', '1.0.2'],
          ]),
          '/root/.cargo/registry/src/index.crates.io-6f17d22bba15001f/ryu-1.0.2/Cargo.lock': lock([
            ['no-panic', '0.1.0'],
          ]),
        },
        {
          '/src/app/Cargo.lock': lock([
            ['itoa', '1.0.1'],
            ['ryu', '1.0.18'],
          ]),
          '/src/bad/Cargo.lock': 'version = = 3',
        },
      ],
      [cargoLockCataloger],
    );
    expect(result.packages.map((p) => `${p.purl} ${p.locations[0]!.path} introduced:${p.layer}`)).toEqual([
      'pkg:cargo/itoa@1.0.1 /src/app/Cargo.lock introduced:0',
      'pkg:cargo/ryu@1.0.18 /src/app/Cargo.lock introduced:1',
    ]);
    expect(result.unknowns.map((u) => u.path)).toEqual(['/src/bad/Cargo.lock']);
  });
});
