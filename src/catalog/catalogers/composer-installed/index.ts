import type { Cataloger } from '../../types.js';
import { catalogFiles, regularFiles } from '../lang-common/catalog-files.js';
import { composerPurl } from '../lang-common/composer.js';
import { parseInstalledJson } from './parse-installed-json.js';

const patterns = ['**/vendor/composer/installed.json'];

/** PHP packages Composer installed into a vendor directory (Composer 1 and 2 installed.json). */
export const composerInstalledCataloger: Cataloger = {
  id: 'composer-installed',
  version: 1,
  type: 'composer',
  patterns,
  async catalog({ tree }) {
    return catalogFiles(tree, {
      id: 'composer-installed',
      type: 'composer',
      files: regularFiles(tree.glob(patterns)),
      parse: (content) => parseInstalledJson(content.toString('utf8')),
      purl: composerPurl,
    });
  },
};
