import type { PackageType } from '../types.js';

const byPurlType: Record<string, PackageType> = {
  deb: 'deb',
  apk: 'apk',
  rpm: 'rpm',
  alpm: 'alpm',
  npm: 'npm',
  pypi: 'pypi',
  maven: 'maven',
  golang: 'golang',
  gem: 'gem',
  composer: 'composer',
  nuget: 'nuget',
  cargo: 'cargo',
  github: 'github-action',
  githubactions: 'github-action',
};

/** The package type a purl type stands for; undefined for types crowsnest does not handle. */
export function packageTypeOfPurl(purlType: string): PackageType | undefined {
  return byPurlType[purlType.toLowerCase()];
}

export const packageTypes: readonly PackageType[] = [...new Set(Object.values(byPurlType))];

/** Types whose purl namespace is part of the package's own name (not a distro or vendor label). */
const namespaceSeparator: Partial<Record<PackageType, string>> = {
  npm: '/',
  golang: '/',
  composer: '/',
  'github-action': '/',
};

/**
 * The package name as crowsnest's catalogers write it, from purl parts: `@scope/x`, `a.b/c/d`, `vendor/x`.
 * Maven packages are named by artifactId (the groupId is the purl namespace and in metadata).
 */
export function nameFromPurl(type: PackageType, namespace: string | undefined, name: string): string {
  const separator = namespaceSeparator[type];
  return separator && namespace ? `${namespace}${separator}${name}` : name;
}
