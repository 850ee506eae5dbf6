import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalogDirectory, catalogLayers, summary } from '../lang-common/__fixtures__/trees.js';
import { pythonLockfilesCataloger } from './index.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

describe('python-lockfiles cataloger', () => {
  it('reads every lock format by name, skips files inside installed distributions, reports broken ones', async () => {
    const run = await catalogDirectory(
      {
        '/srv/a/requirements-prod.txt': 'Flask==2.3.2\n',
        '/srv/a/requirements/base.txt': 'Jinja2==3.1.2\n',
        '/srv/b/poetry.lock': fixture('poetry.lock'),
        '/srv/c/Pipfile.lock': fixture('Pipfile.lock'),
        '/srv/d/uv.lock': fixture('uv.lock'),
        '/srv/e/pdm.lock': fixture('pdm.lock'),
        '/usr/lib/python3/dist-packages/pkg/requirements.txt': 'inner==1.0\n',
        '/srv/f/poetry.lock': '[[package]\n',
      },
      [pythonLockfilesCataloger],
    );
    expect(summary(run).map((line) => line.split(' L0 ')[0])).toEqual([
      'Flask@2.3.2',
      'Jinja2@3.1.2',
      'certifi@2023.7.22',
      'from-git@1.2.0',
      'idna@3.4',
      'idna@3.7',
      'pytest@7.4.0',
      'pytest@7.4.0',
      'pytest@8.2.0',
      'requests@2.31.0',
      'sniffio@1.3.1',
    ]);
    expect(run.packages.find((p) => p.name === 'Jinja2')).toMatchObject({
      purl: 'pkg:pypi/jinja2@3.1.2',
      foundBy: 'python-lockfiles',
      type: 'pypi',
    });
    expect(run.unknowns.map((u) => u.path)).toEqual(['/srv/f/poetry.lock']);
  });

  it('attributes pins to the layer that first wrote them', async () => {
    const run = await catalogLayers(
      [
        { '/app/requirements.txt': 'six==1.16.0\nidna==3.3\n' },
        { '/app/requirements.txt': 'six==1.16.0\nidna==3.7\n' },
      ],
      [pythonLockfilesCataloger],
    );
    expect(summary(run)).toEqual([
      'idna@3.7 L1 /app/requirements.txt',
      'six@1.16.0 L0 /app/requirements.txt',
    ]);
  });
});
