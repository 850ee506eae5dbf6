import type { Package } from './types.js';

/** Catalogers that read what is installed; the lock-file catalogers' packages fold into theirs. */
const installedBy = new Set(['npm-installed', 'python-installed', 'gem-installed', 'composer-installed']);
const lockfileBy = new Set([
  'npm-lockfile',
  'yarn-lockfile',
  'pnpm-lockfile',
  'python-lockfiles',
  'gem-lockfile',
  'composer-lockfile',
]);
/** Types whose installed packages rarely sit beside the lock file: matched across the whole image. */
const imageWide = new Set(['pypi', 'gem']);

/** The project a package belongs to: the folder above node_modules/vendor, or the lock file's folder. */
function projectRoot(pkg: Package): string {
  if (imageWide.has(pkg.type)) return '';
  const path = pkg.locations[0]?.path ?? '';
  for (const marker of ['/node_modules/', '/vendor/composer/']) {
    const at = path.indexOf(marker);
    if (at >= 0) return path.slice(0, at);
  }
  return path.slice(0, path.lastIndexOf('/'));
}

function mergeInto(target: Package, other: Package): void {
  for (const location of other.locations) {
    if (!target.locations.some((l) => l.path === location.path)) target.locations.push(location);
  }
  for (const license of other.licenses) if (!target.licenses.includes(license)) target.licenses.push(license);
  target.layer = Math.min(target.layer, other.layer);
}

/**
 * Lock-file packages against installed ones, per project: the same name@version is one package (the
 * installed one, with the lock file as more evidence); a lock-only package of a project that has installed
 * packages was pruned or deleted and is dropped; a project with nothing installed keeps its lock file's list.
 */
function foldLockfiles(packages: readonly Package[]): Package[] {
  const installed = new Map<string, Package>();
  const projects = new Set<string>();
  const kept: Package[] = [];
  for (const pkg of packages) {
    if (!installedBy.has(pkg.foundBy)) continue;
    const copy = { ...pkg, locations: [...pkg.locations], licenses: [...pkg.licenses] };
    installed.set(`${pkg.type}\u0000${projectRoot(pkg)}\u0000${pkg.name}\u0000${pkg.version}`, copy);
    projects.add(`${pkg.type}\u0000${projectRoot(pkg)}`);
  }
  for (const pkg of packages) {
    if (installedBy.has(pkg.foundBy)) continue;
    if (!lockfileBy.has(pkg.foundBy)) {
      kept.push(pkg);
      continue;
    }
    const same = installed.get(`${pkg.type}\u0000${projectRoot(pkg)}\u0000${pkg.name}\u0000${pkg.version}`);
    if (same) mergeInto(same, pkg);
    else if (!projects.has(`${pkg.type}\u0000${projectRoot(pkg)}`)) kept.push(pkg);
  }
  return [...installed.values(), ...kept];
}

/**
 * One entry per package: lock files folded into installed packages, then the same purl at the same place
 * found twice merged (evidence and licences combined, the earliest layer wins). Sorted by type, name, version.
 */
export function dedupePackages(packages: readonly Package[]): Package[] {
  const byKey = new Map<string, Package>();
  for (const pkg of foldLockfiles(packages)) {
    const key = `${pkg.purl}\u0000${projectRoot(pkg)}`;
    const seen = byKey.get(key);
    if (seen) mergeInto(seen, pkg);
    else byKey.set(key, { ...pkg, locations: [...pkg.locations], licenses: [...pkg.licenses] });
  }
  return [...byKey.values()].sort(
    (a, b) =>
      a.type.localeCompare(b.type) || a.name.localeCompare(b.name) || a.version.localeCompare(b.version),
  );
}
