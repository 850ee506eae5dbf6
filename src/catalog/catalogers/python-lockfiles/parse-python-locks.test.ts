import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ParseResult } from '../lang-common/parsed.js';
import { parsePythonLock } from './index.js';

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), 'utf8');

function listOf(result: ParseResult): string[] {
  if (!result.ok) throw new Error(result.reason);
  return result.packages.map((p) => `${p.name}@${p.version}`).sort();
}

describe('Python lock files', () => {
  it('requirements.txt: only exact pins; options, hashes, comments, ranges, URLs and editables skipped', () => {
    const result = parsePythonLock('/app/requirements.txt', fixture('requirements.txt'));
    expect(listOf(result)).toEqual([
      'requests@2.28.1',
      'typing_extensions@4.4.0',
      'urllib3@1.26.12',
      'uvicorn@0.23.2',
      'zope.interface@5.5.2',
    ]);
    const uvicorn = result.ok ? result.packages.find((p) => p.name === 'uvicorn') : undefined;
    expect(uvicorn?.metadata).toEqual({ extras: 'standard', markers: 'python_version >= "3.8"' });
  });

  it('poetry.lock (lock-version 2.0): skips directory sources', () => {
    expect(listOf(parsePythonLock('/p/poetry.lock', fixture('poetry.lock')))).toEqual([
      'certifi@2023.7.22',
      'pytest@7.4.0',
    ]);
  });

  it('poetry.lock (lock-version 1.1): keeps the category', () => {
    const result = parsePythonLock('/p/poetry.lock', fixture('poetry-old.lock'));
    expect(result.ok && result.packages.map((p) => [p.name, p.metadata?.category])).toEqual([
      ['six', 'main'],
      ['black', 'dev'],
    ]);
  });

  it('Pipfile.lock: default and develop, versions without ==, VCS and editable entries skipped', () => {
    const result = parsePythonLock('/p/Pipfile.lock', fixture('Pipfile.lock'));
    expect(listOf(result)).toEqual(['idna@3.4', 'pytest@7.4.0', 'requests@2.31.0']);
    expect(result.ok && result.packages.find((p) => p.name === 'pytest')?.metadata).toEqual({ dev: true });
  });

  it('uv.lock: skips the project and workspace members, marks non-registry sources', () => {
    const result = parsePythonLock('/p/uv.lock', fixture('uv.lock'));
    expect(listOf(result)).toEqual(['from-git@1.2.0', 'idna@3.7']);
    expect(result.ok && result.packages.find((p) => p.name === 'from-git')?.metadata).toEqual({
      source: 'git',
    });
  });

  it('pdm.lock: keeps groups, skips local paths', () => {
    const result = parsePythonLock('/p/pdm.lock', fixture('pdm.lock'));
    expect(listOf(result)).toEqual(['pytest@8.2.0', 'sniffio@1.3.1']);
    expect(result.ok && result.packages.find((p) => p.name === 'pytest')?.metadata).toEqual({
      groups: ['test'],
    });
  });

  it.each([
    ['/p/poetry.lock', '[[package]\nname = '],
    ['/p/uv.lock', 'version = = 1'],
    ['/p/Pipfile.lock', '{"_meta": {}}'],
    ['/p/Pipfile.lock', '[1, 2'],
  ])('reports a broken %s', (path, text) => {
    expect(parsePythonLock(path, text).ok).toBe(false);
  });

  it('reads an empty or option-only requirements file as no packages', () => {
    expect(parsePythonLock('/r/requirements-dev.txt', '-r requirements.txt\n\n# nothing\n')).toEqual({
      ok: true,
      packages: [],
    });
  });
});
