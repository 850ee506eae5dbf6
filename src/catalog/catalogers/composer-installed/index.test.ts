import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogDirectory, catalogLayers, summary } from '../lang-common/__fixtures__/trees.js';
import { composerInstalledCataloger } from './index.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const installed = (packages: [string, string][]) =>
  JSON.stringify({ packages: packages.map(([name, version]) => ({ name, version })), dev: false });

describe('composer-installed cataloger', () => {
  it('reads every vendor/composer/installed.json, Composer 1 and 2, and reports broken ones', async () => {
    const run = await catalogDirectory(
      {
        '/var/www/html/vendor/composer/installed.json': fixture('installed-composer2.json'),
        '/srv/legacy/vendor/composer/installed.json': fixture('installed-composer1.json'),
        '/srv/broken/vendor/composer/installed.json': '{',
        '/srv/other/composer/installed.json': installed([['not/vendor', '1.0.0']]),
      },
      [composerInstalledCataloger],
    );
    expect(summary(run).map((line) => line.split(' L0 ')[0])).toEqual([
      'acme/dev-branch@dev-main',
      'laminas/laminas-escaper@2.6.1',
      'myclabs/deep-copy@1.11.0',
      'psr/log@1.1.4',
      'symfony/http-foundation@4.4.7',
      'symfony/polyfill-php80@1.27.0',
    ]);
    expect(run.packages.find((p) => p.name === 'symfony/http-foundation')).toMatchObject({
      purl: 'pkg:composer/symfony/http-foundation@4.4.7',
      type: 'composer',
      foundBy: 'composer-installed',
    });
    expect(run.unknowns.map((u) => u.path)).toEqual(['/srv/broken/vendor/composer/installed.json']);
  });

  it('attributes packages to the layer that installed their version', async () => {
    const path = '/app/vendor/composer/installed.json';
    const run = await catalogLayers(
      [
        {
          [path]: installed([
            ['psr/log', '1.1.4'],
            ['monolog/monolog', '2.9.1'],
          ]),
        },
        {
          [path]: installed([
            ['psr/log', '1.1.4'],
            ['monolog/monolog', '2.9.2'],
          ]),
        },
      ],
      [composerInstalledCataloger],
    );
    expect(summary(run)).toEqual([`monolog/monolog@2.9.2 L1 ${path}`, `psr/log@1.1.4 L0 ${path}`]);
  });
});
