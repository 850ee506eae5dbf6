import type { Limits } from '../core/limits.js';
import type { FileTree } from '../fs/types.js';
import type { Distro, Package, PackageType, Unknown } from '../sbom/types.js';

export interface CatalogContext {
  tree: FileTree;
  /** The detected distribution, when there is one (deb/rpm/apk purls carry it). */
  distro?: Distro;
  limits: Limits;
}

export interface CatalogResult {
  packages: Package[];
  unknowns: Unknown[];
}

/**
 * Finds one ecosystem's packages in a FileTree. Pure over the tree: no network, no writes. Bad files become
 * unknowns; a cataloger never throws for a file it cannot parse.
 */
export interface Cataloger {
  /** Stable id, e.g. `deb`, `npm-installed`, `npm-lockfile`. */
  id: string;
  /** Bumped whenever its output could change: cached SBOMs made by an older version are discarded. */
  version: number;
  type: PackageType;
  /**
   * Globs (absolute, picomatch syntax) of the files it reads. Their contents are kept while layers stream
   * by, every layer's version of them, so reading them later costs no second pass.
   */
  patterns: string[];
  /**
   * Optional, for files no glob can name (Go or Rust binaries anywhere): keep this file's content too.
   * Called for every regular file of every layer, so it must be cheap (mode bits, size, name).
   */
  wants?: (path: string, size: number, mode: number) => boolean;
  /**
   * With `wants`: keep a wanted file only if it holds one of these byte strings (found while the layer
   * streams, so the thousands of executables without Go build info are never stored).
   */
  needles?: readonly Buffer[];
  catalog(context: CatalogContext): Promise<CatalogResult>;
}
