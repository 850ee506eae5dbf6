import { describe, expect, it } from 'vitest';
import { catalogDirectory, catalogLayers, summary } from '../lang-common/__fixtures__/trees.js';
import { installedName, npmInstalledCataloger } from './index.js';

const manifest = (name: string, version: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ name, version, ...extra });

describe('installedName', () => {
  it.each([
    ['/app/node_modules/lodash/package.json', 'lodash'],
    ['/app/node_modules/@types/node/package.json', '@types/node'],
    ['/app/node_modules/send/node_modules/ms/package.json', 'ms'],
    ['/node_modules/a/node_modules/@s/b/package.json', '@s/b'],
    ['/app/node_modules/tslib/modules/package.json', undefined],
    ['/app/node_modules/@types/package.json', undefined],
    ['/app/node_modules/.pnpm/package.json', undefined],
    ['/app/package.json', undefined],
  ])('%s → %s', (path, expected) => {
    expect(installedName(path)).toBe(expected);
  });
});

describe('npm-installed cataloger', () => {
  it('finds package roots (scoped and nested), skips sub-folder package.json files, reports bad ones', async () => {
    const run = await catalogDirectory(
      {
        '/app/package.json': manifest('demo-app', '1.0.0'),
        '/app/node_modules/lodash/package.json': manifest('lodash', '4.17.15', { license: 'MIT' }),
        '/app/node_modules/@types/node/package.json': manifest('@types/node', '20.0.0'),
        '/app/node_modules/send/node_modules/ms/package.json': manifest('ms', '2.1.1'),
        '/app/node_modules/tslib/package.json': manifest('tslib', '2.6.2', { license: '0BSD' }),
        '/app/node_modules/tslib/modules/package.json': '{"type":"module"}',
        '/app/node_modules/my-lodash/package.json': manifest('lodash', '4.17.21'),
        '/app/node_modules/broken/package.json': '{"name": "broken",',
        '/usr/lib/node_modules/npm/package.json': manifest('npm', '9.2.0', {
          licenses: [{ type: 'Artistic-2.0' }],
        }),
      },
      [npmInstalledCataloger],
    );
    expect(summary(run)).toEqual([
      '@types/node@20.0.0 L0 /app/node_modules/@types/node/package.json',
      'lodash@4.17.15 L0 /app/node_modules/lodash/package.json',
      'lodash@4.17.21 L0 /app/node_modules/my-lodash/package.json',
      'ms@2.1.1 L0 /app/node_modules/send/node_modules/ms/package.json',
      'npm@9.2.0 L0 /usr/lib/node_modules/npm/package.json',
      'tslib@2.6.2 L0 /app/node_modules/tslib/package.json',
    ]);
    const byName = new Map(run.packages.map((p) => [p.locations[0]!.path, p]));
    expect(byName.get('/app/node_modules/@types/node/package.json')?.purl).toBe(
      'pkg:npm/%40types/node@20.0.0',
    );
    expect(byName.get('/app/node_modules/lodash/package.json')).toMatchObject({
      purl: 'pkg:npm/lodash@4.17.15',
      type: 'npm',
      licenses: ['MIT'],
      foundBy: 'npm-installed',
    });
    expect(byName.get('/usr/lib/node_modules/npm/package.json')?.licenses).toEqual(['Artistic-2.0']);
    expect(byName.get('/app/node_modules/my-lodash/package.json')?.metadata).toEqual({
      installedAs: 'my-lodash',
    });
    expect(run.unknowns).toEqual([
      expect.objectContaining({ path: '/app/node_modules/broken/package.json', cataloger: 'npm-installed' }),
    ]);
    expect(new Set(run.packages.map((p) => p.id)).size).toBe(run.packages.length);
  });

  it('attributes each package to the layer that introduced its name@version', async () => {
    const lodash = manifest('lodash', '4.17.15');
    const run = await catalogLayers(
      [
        {
          '/app/node_modules/lodash/package.json': lodash,
          '/app/node_modules/ms/package.json': manifest('ms', '2.0.0'),
        },
        // layer 1 rewrites lodash unchanged (a chown or a second COPY) and upgrades ms
        {
          '/app/node_modules/lodash/package.json': lodash,
          '/app/node_modules/ms/package.json': manifest('ms', '2.1.3'),
        },
        { '/app/node_modules/qs/package.json': manifest('qs', '6.7.0') },
      ],
      [npmInstalledCataloger],
    );
    expect(summary(run)).toEqual([
      'lodash@4.17.15 L0 /app/node_modules/lodash/package.json',
      'ms@2.1.3 L1 /app/node_modules/ms/package.json',
      'qs@6.7.0 L2 /app/node_modules/qs/package.json',
    ]);
    const lodashPackage = run.packages.find((p) => p.name === 'lodash')!;
    // the evidence location is the current file (layer 1 wrote it last); the package came with layer 0
    expect(lodashPackage.locations).toEqual([{ path: '/app/node_modules/lodash/package.json', layer: 1 }]);
  });
});
