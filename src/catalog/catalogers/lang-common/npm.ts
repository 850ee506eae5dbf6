import { makePurl } from '../../../core/purl.js';
import type { ParsedPackage } from './parsed.js';

/** `pkg:npm/%40scope/name@version`: the scope is the purl namespace, the library lowercases and encodes. */
export function npmPurl(pkg: Pick<ParsedPackage, 'name' | 'version'>): string {
  const slash = pkg.name.startsWith('@') ? pkg.name.indexOf('/') : -1;
  if (slash > 0) {
    return makePurl({
      type: 'npm',
      namespace: pkg.name.slice(0, slash),
      name: pkg.name.slice(slash + 1),
      version: pkg.version,
    });
  }
  return makePurl({ type: 'npm', name: pkg.name, version: pkg.version });
}

/**
 * Splits `name@range` (`@scope/name@^1`, `lodash@4.17.15`, `alias@npm:real@1.0.0`) at the `@` that ends the
 * name: a leading `@` belongs to the scope.
 */
export function splitSpecifier(spec: string): { name: string; range: string } | undefined {
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  if (at <= 0) return undefined;
  return { name: spec.slice(0, at), range: spec.slice(at + 1) };
}

/** The package a lock entry really installs: `npm:real@1.0.0` aliases name another package. */
export function unalias(name: string, range: string): string {
  if (!range.startsWith('npm:')) return name;
  return splitSpecifier(range.slice(4))?.name ?? name;
}

/**
 * Versions that name a registry release. Git, file, link and tarball URLs are not versions an advisory can
 * be matched against, so lock entries carrying them are left out.
 */
export function isRegistryVersion(version: string): boolean {
  return /^v?\d/.test(version) && !/[:/\\]/.test(version);
}

/** Last path segment(s) after the final `node_modules/`: the installed name (`@scope/name` keeps both). */
export function nameFromInstallPath(path: string): string | undefined {
  const index = path.lastIndexOf('node_modules/');
  if (index < 0) return undefined;
  const rest = path.slice(index + 'node_modules/'.length).split('/');
  if (rest[0]?.startsWith('@')) return rest.length >= 2 ? `${rest[0]}/${rest[1]}` : undefined;
  return rest[0] || undefined;
}
