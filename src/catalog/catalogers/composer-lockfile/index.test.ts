import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogDirectory, catalogLayers, summary } from '../lang-common/__fixtures__/trees.js';
import { composerLockfileCataloger } from './index.js';
import { parseComposerLock } from './parse-composer-lock.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const lock = (packages: [string, string][]) =>
  JSON.stringify({ packages: packages.map(([name, version]) => ({ name, version })), 'packages-dev': [] });

describe('parseComposerLock', () => {
  it('reads packages and packages-dev, dropping the leading v of tags', () => {
    const result = parseComposerLock(fixture('composer.lock'));
    expect(result.ok && result.packages.map((p) => [p.name, p.version, p.metadata?.dev ?? false])).toEqual([
      ['laravel/framework', '10.13.5', false],
      ['nesbot/carbon', '2.67.0', false],
      ['phpunit/phpunit', '10.2.2', true],
    ]);
  });

  it.each([
    ['broken JSON', '{'],
    ['no package arrays', '{"content-hash": "x"}'],
    ['packages of the wrong type', '{"packages": {}}'],
  ])('reports %s', (_case, text) => {
    expect(parseComposerLock(text).ok).toBe(false);
  });
});

describe('composer-lockfile cataloger', () => {
  it('reads project lock files, not those shipped inside vendor/', async () => {
    const run = await catalogDirectory(
      {
        '/var/www/html/composer.lock': fixture('composer.lock'),
        '/var/www/html/vendor/acme/lib/composer.lock': lock([['inner/pkg', '1.0.0']]),
      },
      [composerLockfileCataloger],
    );
    expect(summary(run)).toEqual([
      'laravel/framework@10.13.5 L0 /var/www/html/composer.lock',
      'nesbot/carbon@2.67.0 L0 /var/www/html/composer.lock',
      'phpunit/phpunit@10.2.2 L0 /var/www/html/composer.lock',
    ]);
    expect(run.packages[0]).toMatchObject({
      purl: 'pkg:composer/laravel/framework@10.13.5',
      foundBy: 'composer-lockfile',
      licenses: ['MIT'],
    });
  });

  it('attributes packages to the layer that first locked them', async () => {
    const run = await catalogLayers(
      [
        {
          '/app/composer.lock': lock([
            ['psr/log', '1.1.4'],
            ['twig/twig', 'v3.5.1'],
          ]),
        },
        {
          '/app/composer.lock': lock([
            ['psr/log', '1.1.4'],
            ['twig/twig', 'v3.6.0'],
          ]),
        },
      ],
      [composerLockfileCataloger],
    );
    expect(summary(run)).toEqual([
      'psr/log@1.1.4 L0 /app/composer.lock',
      'twig/twig@3.6.0 L1 /app/composer.lock',
    ]);
  });
});
