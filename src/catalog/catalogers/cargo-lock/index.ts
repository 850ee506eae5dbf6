import { makePurl } from '../../../core/purl.js';
import type { Cataloger } from '../../types.js';
import { catalogFiles, regularFiles } from '../lang-common/catalog-files.js';
import { parseCargoLock } from './parse-cargo-lock.js';

const ID = 'cargo-lock';
const PATTERNS = ['**/Cargo.lock'];
/** Crates unpacked by cargo (`~/.cargo/registry/src/...`) carry their own lock files: sources, not the app. */
const CARGO_HOME = /\/\.cargo\/(registry|git)\//;

/** Rust packages a Cargo.lock pins (see parseCargoLock). purl `pkg:cargo/<name>@<version>`. */
export const cargoLockCataloger: Cataloger = {
  id: ID,
  version: 1,
  type: 'cargo',
  patterns: PATTERNS,
  catalog: ({ tree }) =>
    catalogFiles(tree, {
      id: ID,
      type: 'cargo',
      files: regularFiles(tree.glob(PATTERNS)).filter((entry) => !CARGO_HOME.test(entry.path)),
      parse: (content) => parseCargoLock(content.toString('utf8')),
      purl: (pkg) => makePurl({ type: 'cargo', name: pkg.name, version: pkg.version }),
    }),
};
