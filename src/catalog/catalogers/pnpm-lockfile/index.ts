import type { Cataloger } from '../../types.js';
import { catalogFiles, regularFiles } from '../lang-common/catalog-files.js';
import { npmPurl } from '../lang-common/npm.js';
import { parsePnpmLock } from './parse-pnpm-lock.js';

const patterns = ['**/pnpm-lock.yaml'];

/** pnpm-lock.yaml v5, v6 and v9; the copy pnpm keeps in node_modules/.pnpm/lock.yaml is skipped. */
export const pnpmLockfileCataloger: Cataloger = {
  id: 'pnpm-lockfile',
  version: 1,
  type: 'npm',
  patterns,
  async catalog({ tree }) {
    const files = regularFiles(tree.glob(patterns)).filter((e) => !e.path.includes('/node_modules/'));
    return catalogFiles(tree, {
      id: 'pnpm-lockfile',
      type: 'npm',
      files,
      parse: (content) => parsePnpmLock(content.toString('utf8')),
      purl: npmPurl,
    });
  },
};
