import { describe, expect, it } from 'vitest';
import { dedupePackages } from './dedupe.js';
import type { Package } from './types.js';

function pkg(name: string, version: string, foundBy: string, path: string, layer = 1): Package {
  return {
    id: `${name}${path}`,
    type: 'npm',
    name,
    version,
    purl: `pkg:npm/${name}@${version}`,
    licenses: [],
    locations: [{ path, layer }],
    layer,
    foundBy,
  };
}

describe('dedupePackages', () => {
  it('folds a lock file into the installed packages of the same project', () => {
    const out = dedupePackages([
      pkg('lodash', '4.17.15', 'npm-installed', '/app/node_modules/lodash/package.json'),
      pkg('lodash', '4.17.15', 'npm-lockfile', '/app/package-lock.json'),
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]!.locations.map((l) => l.path)).toEqual([
      '/app/node_modules/lodash/package.json',
      '/app/package-lock.json',
    ]);
  });

  it('drops a lock-only package of a project whose packages are installed (deleted or pruned)', () => {
    const out = dedupePackages([
      pkg('lodash', '4.17.15', 'npm-installed', '/app/node_modules/lodash/package.json'),
      pkg('minimist', '1.2.0', 'npm-lockfile', '/app/package-lock.json'),
    ]);
    expect(out.map((p) => p.name)).toEqual(['lodash']);
  });

  it("keeps a lock file's packages when nothing of that project is installed", () => {
    const out = dedupePackages([
      pkg('lodash', '4.17.15', 'npm-installed', '/app/node_modules/lodash/package.json'),
      pkg('minimist', '1.2.0', 'npm-lockfile', '/srv/other/package-lock.json'),
    ]);
    expect(out.map((p) => p.name)).toEqual(['lodash', 'minimist']);
  });

  it('keeps the same package installed in two projects as two packages', () => {
    const out = dedupePackages([
      pkg('lodash', '4.17.15', 'npm-installed', '/a/node_modules/lodash/package.json'),
      pkg('lodash', '4.17.15', 'npm-installed', '/b/node_modules/lodash/package.json'),
    ]);
    expect(out).toHaveLength(2);
  });
});
