import type { Cataloger } from '../../types.js';
import { catalogFiles, regularFiles } from '../lang-common/catalog-files.js';
import { composerPurl } from '../lang-common/composer.js';
import { parseComposerLock } from './parse-composer-lock.js';

const patterns = ['**/composer.lock'];

/** composer.lock of PHP projects; lock files shipped inside installed packages (vendor/) are skipped. */
export const composerLockfileCataloger: Cataloger = {
  id: 'composer-lockfile',
  version: 1,
  type: 'composer',
  patterns,
  async catalog({ tree }) {
    const files = regularFiles(tree.glob(patterns)).filter((e) => !e.path.includes('/vendor/'));
    return catalogFiles(tree, {
      id: 'composer-lockfile',
      type: 'composer',
      files,
      parse: (content) => parseComposerLock(content.toString('utf8')),
      purl: composerPurl,
    });
  },
};
