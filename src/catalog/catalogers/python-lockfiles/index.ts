import type { Cataloger } from '../../types.js';
import { catalogFiles, regularFiles } from '../lang-common/catalog-files.js';
import { failed, type ParseResult } from '../lang-common/parsed.js';
import { pypiPurl } from '../lang-common/pypi.js';
import { parsePipfileLock } from './parse-pipfile-lock.js';
import { parseRequirements } from './parse-requirements.js';
import { parsePdmLock, parsePoetryLock, parseUvLock } from './parse-toml-locks.js';

const patterns = [
  '**/requirements*.txt',
  '**/requirements/*.txt',
  '**/poetry.lock',
  '**/Pipfile.lock',
  '**/uv.lock',
  '**/pdm.lock',
];

/** Picks the parser by file name (the patterns above are the only names that reach it). */
export function parsePythonLock(path: string, text: string): ParseResult {
  const name = path.slice(path.lastIndexOf('/') + 1);
  if (name === 'poetry.lock') return parsePoetryLock(text);
  if (name === 'Pipfile.lock') return parsePipfileLock(text);
  if (name === 'uv.lock') return parseUvLock(text);
  if (name === 'pdm.lock') return parsePdmLock(text);
  if (name.endsWith('.txt')) return parseRequirements(text);
  return failed(`no Python lock file parser for ${name}`);
}

/**
 * Python project lock files: pinned requirements files, poetry.lock, Pipfile.lock, uv.lock and pdm.lock.
 * Files inside installed distributions (site-packages) are the packages' own sources, not the image's
 * projects, so they are skipped.
 */
export const pythonLockfilesCataloger: Cataloger = {
  id: 'python-lockfiles',
  version: 1,
  type: 'pypi',
  patterns,
  async catalog({ tree }) {
    const files = regularFiles(tree.glob(patterns)).filter((e) => !/\/(site|dist)-packages\//.test(e.path));
    return catalogFiles(tree, {
      id: 'python-lockfiles',
      type: 'pypi',
      files,
      parse: (content, entry) => parsePythonLock(entry.path, content.toString('utf8')),
      purl: pypiPurl,
    });
  },
};
