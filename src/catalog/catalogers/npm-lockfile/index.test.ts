import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogDirectory, catalogLayers, summary } from '../lang-common/__fixtures__/trees.js';
import { npmLockfileCataloger } from './index.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const v3 = (deps: Record<string, string>) =>
  JSON.stringify({
    lockfileVersion: 3,
    packages: {
      '': { name: 'app' },
      ...Object.fromEntries(Object.entries(deps).map(([n, v]) => [`node_modules/${n}`, { version: v }])),
    },
  });

describe('npm-lockfile cataloger', () => {
  it('reads package-lock.json and npm-shrinkwrap.json of projects, not those inside node_modules', async () => {
    const run = await catalogDirectory(
      {
        '/app/package-lock.json': fixture('lock-v2.json'),
        '/srv/npm-shrinkwrap.json': v3({ '@sindresorhus/is': '4.6.0' }),
        '/app/node_modules/pkg/npm-shrinkwrap.json': v3({ inner: '1.0.0' }),
        '/app/node_modules/.package-lock.json': v3({ hidden: '1.0.0' }),
        '/bad/package-lock.json': '{"name":"bad"}',
      },
      [npmLockfileCataloger],
    );
    expect(summary(run)).toEqual([
      '@sindresorhus/is@4.6.0 L0 /srv/npm-shrinkwrap.json',
      'qs@6.7.0 L0 /app/package-lock.json',
    ]);
    expect(run.packages.find((p) => p.name === '@sindresorhus/is')).toMatchObject({
      purl: 'pkg:npm/%40sindresorhus/is@4.6.0',
      foundBy: 'npm-lockfile',
      type: 'npm',
    });
    expect(run.unknowns.map((u) => u.path)).toEqual(['/bad/package-lock.json']);
  });

  it('attributes packages to the layer that first locked their name@version', async () => {
    const run = await catalogLayers(
      [
        { '/app/package-lock.json': v3({ lodash: '4.17.15', ms: '2.0.0' }) },
        { '/app/package-lock.json': v3({ lodash: '4.17.21', ms: '2.0.0' }) },
      ],
      [npmLockfileCataloger],
    );
    expect(summary(run)).toEqual([
      'lodash@4.17.21 L1 /app/package-lock.json',
      'ms@2.0.0 L0 /app/package-lock.json',
    ]);
  });
});
