import type { Cataloger } from '../../types.js';
import { catalogFiles, regularFiles } from '../lang-common/catalog-files.js';
import { npmPurl } from '../lang-common/npm.js';
import { failed, type ParseResult } from '../lang-common/parsed.js';
import { parseYarnBerry } from './parse-yarn-berry.js';
import { parseYarnV1 } from './parse-yarn-v1.js';

const patterns = ['**/yarn.lock'];

/** Berry lock files are YAML with a `__metadata` key at the top level; classic ones never have it. */
export function parseYarnLock(text: string): ParseResult {
  if (/^__metadata:/m.test(text)) return parseYarnBerry(text);
  if (/^\S.*:\s*$/m.test(text) || /yarn lockfile v1/.test(text)) return parseYarnV1(text);
  return failed('not a yarn.lock (neither classic entries nor __metadata)');
}

/** yarn.lock, classic (v1) and berry (v2+); lock files inside node_modules belong to installed packages. */
export const yarnLockfileCataloger: Cataloger = {
  id: 'yarn-lockfile',
  version: 1,
  type: 'npm',
  patterns,
  async catalog({ tree }) {
    const files = regularFiles(tree.glob(patterns)).filter((e) => !e.path.includes('/node_modules/'));
    return catalogFiles(tree, {
      id: 'yarn-lockfile',
      type: 'npm',
      files,
      parse: (content) => parseYarnLock(content.toString('utf8')),
      purl: npmPurl,
    });
  },
};
