import type { Cataloger } from '../../types.js';
import { goPurl } from '../go-binary/purl.js';
import { catalogFiles, regularFiles } from '../lang-common/catalog-files.js';
import { failed, parsed } from '../lang-common/parsed.js';
import { requiredModules } from './modules.js';
import { parseGoMod } from './parse-go-mod.js';

const ID = 'go-mod';
const PATTERNS = ['**/go.mod'];
/** The module cache holds one go.mod per downloaded module version: sources, not what a program uses. */
const MODULE_CACHE = /\/pkg\/mod\//;

/** Go modules a `go.mod` requires (see requiredModules for what is reported and why). */
export const goModCataloger: Cataloger = {
  id: ID,
  version: 1,
  type: 'golang',
  patterns: PATTERNS,
  catalog: ({ tree }) =>
    catalogFiles(tree, {
      id: ID,
      type: 'golang',
      files: regularFiles(tree.glob(PATTERNS)).filter((entry) => !MODULE_CACHE.test(entry.path)),
      parse: (content) => {
        const result = parseGoMod(content.toString('utf8'));
        return result.ok ? parsed(requiredModules(result.file)) : failed(result.reason);
      },
      purl: (pkg) => goPurl(pkg.name, pkg.version),
    }),
};
