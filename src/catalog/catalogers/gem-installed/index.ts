import type { Cataloger } from '../../types.js';
import { catalogFiles, regularFiles } from '../lang-common/catalog-files.js';
import { gemPurl } from '../lang-common/gem.js';
import type { ParsedPackage } from '../lang-common/parsed.js';
import { parseGemspec } from './parse-gemspec.js';

const patterns = ['**/specifications/*.gemspec', '**/specifications/default/*.gemspec'];

const purlOf = (pkg: ParsedPackage) =>
  gemPurl(pkg.name, pkg.version, pkg.metadata?.platform as string | undefined);

/**
 * Installed gems: the specification RubyGems writes per installed gem (GEM_HOME, bundler's vendor path,
 * Debian's rubygems-integration), and Ruby's default gems (`specifications/default/`), which ship with the
 * interpreter and have advisories of their own (cgi, uri, net-imap, ...).
 */
export const gemInstalledCataloger: Cataloger = {
  id: 'gem-installed',
  version: 1,
  type: 'gem',
  patterns,
  async catalog({ tree }) {
    return catalogFiles(tree, {
      id: 'gem-installed',
      type: 'gem',
      files: regularFiles(tree.glob(patterns)),
      parse: (content, entry) => {
        const result = parseGemspec(content.toString('utf8'));
        if (!result.ok || !entry.path.includes('/specifications/default/')) return result;
        return {
          ok: true,
          packages: result.packages.map((p) => ({ ...p, metadata: { ...p.metadata, defaultGem: true } })),
        };
      },
      purl: purlOf,
    });
  },
};
