import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogDirectory, catalogLayers, summary } from '../lang-common/__fixtures__/trees.js';
import { yarnLockfileCataloger } from './index.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('yarn-lockfile cataloger', () => {
  it('reads classic and berry lock files of projects, skips node_modules, reports broken ones', async () => {
    const run = await catalogDirectory(
      {
        '/classic/yarn.lock': 'lodash@4.17.15:\n  version "4.17.15"\n',
        '/berry/yarn.lock': fixture('berry.yarn.lock'),
        '/classic/node_modules/x/yarn.lock': 'inner@1.0.0:\n  version "1.0.0"\n',
        '/broken/yarn.lock': 'not a lock file',
      },
      [yarnLockfileCataloger],
    );
    expect(summary(run)).toEqual([
      '@sindresorhus/is@4.6.0 L0 /berry/yarn.lock',
      'accepts@1.3.8 L0 /berry/yarn.lock',
      'lodash@4.17.15 L0 /classic/yarn.lock',
      'lodash@4.17.21 L0 /berry/yarn.lock',
      'resolve@1.22.8 L0 /berry/yarn.lock',
    ]);
    expect(run.packages.find((p) => p.name === '@sindresorhus/is')?.purl).toBe(
      'pkg:npm/%40sindresorhus/is@4.6.0',
    );
    expect(run.unknowns.map((u) => `${u.cataloger} ${u.path}`)).toEqual(['yarn-lockfile /broken/yarn.lock']);
  });

  it('attributes packages to the layer that first locked them', async () => {
    const lock = (lodash: string) => `lodash@^4:\n  version "${lodash}"\n\nms@2.0.0:\n  version "2.0.0"\n`;
    const run = await catalogLayers(
      [{ '/app/yarn.lock': lock('4.17.15') }, { '/app/yarn.lock': lock('4.17.21') }],
      [yarnLockfileCataloger],
    );
    expect(summary(run)).toEqual(['lodash@4.17.21 L1 /app/yarn.lock', 'ms@2.0.0 L0 /app/yarn.lock']);
  });
});
