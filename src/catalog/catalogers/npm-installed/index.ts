import type { FileEntry } from '../../../fs/types.js';
import type { Cataloger } from '../../types.js';
import { catalogFiles, regularFiles } from '../lang-common/catalog-files.js';
import { npmPurl } from '../lang-common/npm.js';
import { parsePackageJson } from './parse-package-json.js';

const patterns = ['**/node_modules/*/package.json', '**/node_modules/@*/*/package.json'];

/**
 * The directory name a package was installed under, when `path` is a package root: `node_modules/<name>/`
 * or `node_modules/@scope/<name>/`. Hidden entries (`.bin`, `.pnpm`, `.cache`) and stray files directly in a
 * scope folder are not package roots.
 */
export function installedName(path: string): string | undefined {
  const parts = path.split('/');
  const dir = parts[parts.length - 2] ?? '';
  const parent = parts[parts.length - 3] ?? '';
  if (!dir || dir.startsWith('.')) return undefined;
  if (parent === 'node_modules') return dir.startsWith('@') ? undefined : dir;
  const grandparent = parts[parts.length - 4];
  if (parent.startsWith('@') && parent.length > 1 && grandparent === 'node_modules')
    return `${parent}/${dir}`;
  return undefined;
}

/** Installed npm packages: every package root's package.json under any node_modules, nested ones included. */
export const npmInstalledCataloger: Cataloger = {
  id: 'npm-installed',
  version: 1,
  type: 'npm',
  patterns,
  async catalog({ tree }) {
    const files = regularFiles(tree.glob(patterns)).filter((e) => installedName(e.path) !== undefined);
    return catalogFiles(tree, {
      id: 'npm-installed',
      type: 'npm',
      files,
      parse: (content: Buffer, entry: FileEntry) =>
        parsePackageJson(content.toString('utf8'), installedName(entry.path)),
      purl: npmPurl,
    });
  },
};
