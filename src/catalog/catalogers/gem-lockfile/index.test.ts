import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogDirectory, catalogLayers, summary } from '../lang-common/__fixtures__/trees.js';
import { gemLockfileCataloger } from './index.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');
const lock = (specs: string[]) =>
  `GEM\n  remote: x\n  specs:\n${specs.map((s) => `    ${s}\n`).join('')}\nPLATFORMS\n  ruby\n`;

describe('gem-lockfile cataloger', () => {
  it('reads project lock files, not those inside installed gems; purls carry a single platform only', async () => {
    const run = await catalogDirectory(
      {
        '/app/Gemfile.lock': fixture('Gemfile.lock'),
        '/srv/other/gems.locked': lock(['rack (3.0.8)']),
        '/srv/gems/site/Gemfile.lock': lock(['tilt (2.2.0)']),
        '/usr/local/bundle/gems/rack-2.2.8/Gemfile.lock': lock(['minitest (5.0.0)']),
        '/srv/bad/Gemfile.lock': 'garbage',
      },
      [gemLockfileCataloger],
    );
    const purls = run.packages.map((p) => `${p.purl} ${p.locations[0]!.path}`).sort();
    expect(purls).toEqual([
      'pkg:gem/actionpack@7.1.0.alpha /app/Gemfile.lock',
      'pkg:gem/mini_portile2@2.8.4 /app/Gemfile.lock',
      'pkg:gem/nokogiri@1.15.4 /app/Gemfile.lock',
      'pkg:gem/racc@1.7.1 /app/Gemfile.lock',
      'pkg:gem/rack@2.2.8 /app/Gemfile.lock',
      'pkg:gem/rack@3.0.8 /srv/other/gems.locked',
      'pkg:gem/rails@7.1.0.alpha /app/Gemfile.lock',
      'pkg:gem/sqlite3@1.6.3?platform=x86_64-linux /app/Gemfile.lock',
      'pkg:gem/tilt@2.2.0 /srv/gems/site/Gemfile.lock',
    ]);
    expect(run.unknowns.map((u) => u.path)).toEqual(['/srv/bad/Gemfile.lock']);
  });

  it('attributes gems to the layer that first locked them', async () => {
    const run = await catalogLayers(
      [
        { '/app/Gemfile.lock': lock(['rack (2.2.8)', 'tilt (2.0.11)']) },
        { '/app/Gemfile.lock': lock(['rack (2.2.8)', 'tilt (2.2.0)']) },
      ],
      [gemLockfileCataloger],
    );
    expect(summary(run)).toEqual(['rack@2.2.8 L0 /app/Gemfile.lock', 'tilt@2.2.0 L1 /app/Gemfile.lock']);
  });
});
