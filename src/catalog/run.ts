import { type Limits, resolveLimits } from '../core/limits.js';
import { compileMatcher } from '../fs/path-matcher.js';
import type { ContentSelector, FileTree } from '../fs/types.js';
import type { Distro, Package, Unknown } from '../sbom/types.js';
import { unknownFor } from './helpers.js';
import type { Cataloger } from './types.js';

/** The content selector for a set of catalogers: keep what any of them will read. */
export function selectorFor(
  catalogers: readonly Cataloger[],
  extra: readonly string[] = [],
): ContentSelector {
  const patterns = [...new Set([...catalogers.flatMap((c) => c.patterns), ...extra])];
  const match = compileMatcher(patterns);
  const wanting = catalogers.flatMap((c) => (c.wants ? [c] : []));
  return (path, size, mode) => {
    if (match(path)) return true;
    const needles: Buffer[] = [];
    for (const cataloger of wanting) {
      if (!cataloger.wants!(path, size, mode)) continue;
      if (!cataloger.needles?.length) return true;
      needles.push(...cataloger.needles);
    }
    return needles.length ? { needles } : false;
  };
}

export interface CatalogRun {
  packages: Package[];
  unknowns: Unknown[];
}

/** Runs catalogers over a tree; one failing cataloger becomes an unknown, the others go on. */
export async function runCatalogers(
  tree: FileTree,
  catalogers: readonly Cataloger[],
  options: { distro?: Distro; limits?: Partial<Limits> } = {},
): Promise<CatalogRun> {
  const limits = resolveLimits(options.limits);
  const packages: Package[] = [];
  const unknowns: Unknown[] = [];
  for (const cataloger of catalogers) {
    try {
      const result = await cataloger.catalog({
        tree,
        limits,
        ...(options.distro ? { distro: options.distro } : {}),
      });
      packages.push(...result.packages);
      unknowns.push(...result.unknowns);
    } catch (error) {
      unknowns.push(unknownFor({ path: '/', layer: 0 }, cataloger.id, error));
    }
  }
  return { packages, unknowns };
}
