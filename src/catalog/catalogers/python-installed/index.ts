import type { FileEntry, FileTree } from '../../../fs/types.js';
import type { Cataloger } from '../../types.js';
import { catalogFiles, type Enrichment, regularFiles } from '../lang-common/catalog-files.js';
import { pypiPurl } from '../lang-common/pypi.js';
import { parseCoreMetadata } from './parse-core-metadata.js';

const evidence = [
  '**/*.dist-info/METADATA',
  '**/*.egg-info/PKG-INFO',
  '**/*.egg-info',
  '**/*.egg/EGG-INFO/PKG-INFO',
];
/** Files lists, read only to count the files a distribution installed. */
const fileLists = ['**/*.dist-info/RECORD', '**/*.egg-info/installed-files.txt'];

/** The files list beside an evidence file: RECORD for a dist-info, installed-files.txt for an egg-info. */
function fileListOf(path: string): string | undefined {
  if (path.endsWith('.dist-info/METADATA')) return path.replace(/METADATA$/, 'RECORD');
  if (path.endsWith('.egg-info/PKG-INFO')) return path.replace(/PKG-INFO$/, 'installed-files.txt');
  return undefined;
}

async function countFiles(_pkg: unknown, entry: FileEntry, tree: FileTree): Promise<Enrichment | undefined> {
  const path = fileListOf(entry.path);
  const list = path ? tree.get(path) : undefined;
  if (list?.type !== 'file') return undefined;
  const text = await tree.readFile(list).catch(() => undefined);
  if (text === undefined) return undefined;
  const files = text
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '').length;
  return { locations: [{ path: list.path, layer: list.layer }], metadata: { files } };
}

/**
 * Installed Python distributions, wherever they are (system dist-packages, virtualenvs, /usr/local): wheel
 * installs (`*.dist-info/METADATA`), setuptools/distutils installs (`*.egg-info/PKG-INFO` or a single
 * `*.egg-info` file) and unpacked eggs.
 */
export const pythonInstalledCataloger: Cataloger = {
  id: 'python-installed',
  version: 1,
  type: 'pypi',
  patterns: [...evidence, ...fileLists],
  async catalog({ tree }) {
    return catalogFiles(tree, {
      id: 'python-installed',
      type: 'pypi',
      files: regularFiles(tree.glob(evidence)),
      parse: (content) => parseCoreMetadata(content.toString('utf8')),
      purl: pypiPurl,
      enrich: countFiles,
    });
  },
};
