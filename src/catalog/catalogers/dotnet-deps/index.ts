import { makePurl } from '../../../core/purl.js';
import type { Cataloger } from '../../types.js';
import { catalogFiles, regularFiles } from '../lang-common/catalog-files.js';
import { parseDepsJson } from './parse-deps-json.js';
import { parsePackagesLock } from './parse-packages-lock.js';

const ID = 'dotnet-deps';
const PATTERNS = ['**/*.deps.json', '**/packages.lock.json'];

/**
 * .NET: NuGet packages from published applications' `*.deps.json` (the shared framework's own deps.json
 * included, which names the runtime) and from `packages.lock.json` lock files. purl `pkg:nuget/<name>@<version>`
 * with the name's case kept (NuGet ids are case-insensitive but case-preserving).
 */
export const dotnetDepsCataloger: Cataloger = {
  id: ID,
  version: 1,
  type: 'nuget',
  patterns: PATTERNS,
  catalog: ({ tree }) =>
    catalogFiles(tree, {
      id: ID,
      type: 'nuget',
      files: regularFiles(tree.glob(PATTERNS)),
      parse: (content, entry) => {
        const text = content.toString('utf8');
        return entry.path.endsWith('.deps.json') ? parseDepsJson(text) : parsePackagesLock(text);
      },
      purl: (pkg) => makePurl({ type: 'nuget', name: pkg.name, version: pkg.version }),
    }),
};
