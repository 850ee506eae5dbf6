import type { Cataloger } from '../../types.js';
import { catalogFiles, regularFiles } from '../lang-common/catalog-files.js';
import { gemPurl } from '../lang-common/gem.js';
import type { ParsedPackage } from '../lang-common/parsed.js';
import { parseGemfileLock } from './parse-gemfile-lock.js';

const patterns = ['**/Gemfile.lock', '**/gems.locked'];

/** `…/gems/<name>-<version>/…`: the directory RubyGems unpacks an installed gem into. */
const insideInstalledGem = /\/gems\/[^/]+-\d[^/]*\//;

/** The platform qualifier only when the lock names exactly one platform for this gem. */
function purlOf(pkg: ParsedPackage): string {
  const platforms = pkg.metadata?.platforms as string[] | undefined;
  return gemPurl(pkg.name, pkg.version, platforms?.length === 1 ? platforms[0] : undefined);
}

/**
 * Gemfile.lock (and its newer name gems.locked) of Ruby projects: gems from rubygems (GEM) and git (GIT)
 * sources. Lock files inside installed gems (`gems/<name>-<version>/Gemfile.lock`) are the gem's own
 * development lock, not the image's, so they are skipped.
 */
export const gemLockfileCataloger: Cataloger = {
  id: 'gem-lockfile',
  version: 1,
  type: 'gem',
  patterns,
  async catalog({ tree }) {
    const files = regularFiles(tree.glob(patterns)).filter((e) => !insideInstalledGem.test(e.path));
    return catalogFiles(tree, {
      id: 'gem-lockfile',
      type: 'gem',
      files,
      parse: (content) => parseGemfileLock(content.toString('utf8')),
      purl: purlOf,
    });
  },
};
