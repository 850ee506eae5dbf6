import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogDirectory, catalogLayers, summary } from '../lang-common/__fixtures__/trees.js';
import { pnpmLockfileCataloger } from './index.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('pnpm-lockfile cataloger', () => {
  it('reads project lock files, not the copy in node_modules/.pnpm', async () => {
    const run = await catalogDirectory(
      {
        '/app/pnpm-lock.yaml': fixture('v9.pnpm-lock.yaml'),
        '/app/node_modules/.pnpm/lock.yaml': fixture('v6.pnpm-lock.yaml'),
        '/app/node_modules/x/pnpm-lock.yaml': fixture('v6.pnpm-lock.yaml'),
        '/bad/pnpm-lock.yaml': 'just: text\n',
      },
      [pnpmLockfileCataloger],
    );
    expect(summary(run)).toEqual([
      '@types/node@20.0.0 L0 /app/pnpm-lock.yaml',
      'react-dom@18.2.0 L0 /app/pnpm-lock.yaml',
      'react@18.2.0 L0 /app/pnpm-lock.yaml',
      'tarball-dep@1.0.0 L0 /app/pnpm-lock.yaml',
    ]);
    expect(run.packages.find((p) => p.name === '@types/node')).toMatchObject({
      purl: 'pkg:npm/%40types/node@20.0.0',
      foundBy: 'pnpm-lockfile',
    });
    expect(run.unknowns.map((u) => u.path)).toEqual(['/bad/pnpm-lock.yaml']);
  });

  it('attributes packages to the layer that first locked them', async () => {
    const lock = (react: string) =>
      `lockfileVersion: '9.0'\npackages:\n  react@${react}: {}\n  ms@2.0.0: {}\n`;
    const run = await catalogLayers(
      [{ '/app/pnpm-lock.yaml': lock('18.2.0') }, { '/app/pnpm-lock.yaml': lock('18.3.1') }],
      [pnpmLockfileCataloger],
    );
    expect(summary(run)).toEqual(['ms@2.0.0 L0 /app/pnpm-lock.yaml', 'react@18.3.1 L1 /app/pnpm-lock.yaml']);
  });
});
