import type { Package } from './types.js';

/**
 * One entry per package: the same purl found by two catalogers at the same place (installed package.json
 * and a lock file listing it) is merged, evidence and licences combined; the earliest layer wins.
 * Sorted by type, name, version for stable output.
 */
export function dedupePackages(packages: readonly Package[]): Package[] {
  const byKey = new Map<string, Package>();
  for (const pkg of packages) {
    const key = `${pkg.purl}\u0000${dirOf(pkg.locations[0]?.path)}`;
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { ...pkg, locations: [...pkg.locations], licenses: [...pkg.licenses] });
      continue;
    }
    for (const location of pkg.locations) {
      if (!seen.locations.some((l) => l.path === location.path)) seen.locations.push(location);
    }
    for (const license of pkg.licenses) if (!seen.licenses.includes(license)) seen.licenses.push(license);
    seen.layer = Math.min(seen.layer, pkg.layer);
  }
  return [...byKey.values()].sort(
    (a, b) =>
      a.type.localeCompare(b.type) || a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  );
}

/** Packages of one project (a folder) are the same package; the same purl in two projects are two. */
function dirOf(path: string | undefined): string {
  if (!path) return '';
  const nodeModules = path.indexOf('/node_modules/');
  if (nodeModules >= 0) return path.slice(0, nodeModules);
  return path.slice(0, path.lastIndexOf('/'));
}
