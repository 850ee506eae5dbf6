import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogDirectory } from '../lang-common/__fixtures__/trees.js';
import { githubActionsCataloger } from './index.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('github-actions cataloger', () => {
  it('reads workflows and action.yml files of a checked-out repository', async () => {
    const result = await catalogDirectory(
      {
        '/repo/.github/workflows/ci.yml': fixture('ci.yml'),
        '/repo/.github/actions/local-helper/action.yml': fixture('action.yml'),
        '/repo/.github/workflows/broken.yaml': 'on: [push\n',
        '/repo/.github/workflows/notes.txt': 'uses: not/read@v1',
      },
      [githubActionsCataloger],
    );
    expect(result.packages.map((p) => `${p.purl} ${p.locations[0]!.path}`)).toEqual([
      'pkg:github/actions/cache@v4.0.2 /repo/.github/actions/local-helper/action.yml',
      'pkg:github/actions/checkout@v4 /repo/.github/workflows/ci.yml',
      'pkg:github/actions/setup-node@1a4442cacd436585916779262731d5b162bc6ec7 /repo/.github/workflows/ci.yml',
      'pkg:github/github/codeql-action@v3#init /repo/.github/workflows/ci.yml',
      'pkg:github/azure/login@v2.1.0 /repo/.github/workflows/ci.yml',
      'pkg:github/octo-org/shared-workflows@main#.github/workflows/release.yml /repo/.github/workflows/ci.yml',
    ]);
    expect(result.packages.find((p) => p.name === 'Azure/login')).toMatchObject({
      type: 'github-action',
      version: 'v2.1.0',
      layer: 0,
    });
    expect(result.unknowns.map((u) => u.path)).toEqual(['/repo/.github/workflows/broken.yaml']);
  });
});
