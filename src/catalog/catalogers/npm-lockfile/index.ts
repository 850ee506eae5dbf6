import type { Cataloger } from '../../types.js';
import { catalogFiles, regularFiles } from '../lang-common/catalog-files.js';
import { npmPurl } from '../lang-common/npm.js';
import { parsePackageLock } from './parse-package-lock.js';

const patterns = ['**/package-lock.json', '**/npm-shrinkwrap.json'];

/**
 * package-lock.json (v1, v2, v3) and npm-shrinkwrap.json of projects. Lock files inside node_modules
 * (npm's hidden `.package-lock.json`, shrinkwraps shipped by packages) describe installed trees the
 * npm-installed cataloger already reads, so they are skipped.
 */
export const npmLockfileCataloger: Cataloger = {
  id: 'npm-lockfile',
  version: 1,
  type: 'npm',
  patterns,
  async catalog({ tree }) {
    const files = regularFiles(tree.glob(patterns)).filter((e) => !e.path.includes('/node_modules/'));
    return catalogFiles(tree, {
      id: 'npm-lockfile',
      type: 'npm',
      files,
      parse: (content) => parsePackageLock(content.toString('utf8')),
      purl: npmPurl,
    });
  },
};
