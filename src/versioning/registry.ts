import { alpmScheme } from './schemes/alpm/index.js';
import { apkScheme } from './schemes/apk/index.js';
import { composerScheme } from './schemes/composer/index.js';
import { dpkgScheme } from './schemes/dpkg/index.js';
import { gemScheme } from './schemes/gem/index.js';
import { goScheme } from './schemes/go/index.js';
import { mavenScheme } from './schemes/maven/index.js';
import { nugetScheme } from './schemes/nuget/index.js';
import { pep440Scheme } from './schemes/pep440/index.js';
import { rpmScheme } from './schemes/rpm/index.js';
import { semverScheme } from './schemes/semver/index.js';
import type { SchemeId, VersionScheme } from './types.js';

/** Every scheme, by id. Adding a scheme means adding it here; nothing registers itself. */
export const schemes: ReadonlyMap<SchemeId, VersionScheme> = new Map<SchemeId, VersionScheme>([
  ['dpkg', dpkgScheme],
  ['rpm', rpmScheme],
  ['apk', apkScheme],
  ['alpm', alpmScheme],
  ['semver', semverScheme],
  ['pep440', pep440Scheme],
  ['maven', mavenScheme],
  ['go', goScheme],
  ['gem', gemScheme],
  ['nuget', nugetScheme],
  ['composer', composerScheme],
]);

/**
 * OSV ecosystem names (the part before the first `:`, so `Debian:12`, `Ubuntu:Pro:18.04:LTS` and
 * `Maven:https://maven.google.com` all work), matched exactly as the OSV schema spells them.
 */
const ECOSYSTEMS: ReadonlyMap<string, SchemeId> = new Map<string, SchemeId>([
  ['Debian', 'dpkg'],
  ['Ubuntu', 'dpkg'],
  ['AlmaLinux', 'rpm'],
  ['Rocky Linux', 'rpm'],
  ['Red Hat', 'rpm'],
  ['SUSE', 'rpm'],
  ['openSUSE', 'rpm'],
  ['Photon OS', 'rpm'],
  ['Mageia', 'rpm'],
  ['openEuler', 'rpm'],
  ['Azure Linux', 'rpm'],
  ['Oracle Linux', 'rpm'],
  ['Amazon Linux', 'rpm'],
  ['Alpine', 'apk'],
  ['Wolfi', 'apk'],
  ['Chainguard', 'apk'],
  ['Alpaquita', 'apk'],
  ['BellSoft Hardened Containers', 'apk'],
  ['Arch Linux', 'alpm'],
  ['npm', 'semver'],
  ['crates.io', 'semver'],
  ['PyPI', 'pep440'],
  ['Maven', 'maven'],
  ['Go', 'go'],
  ['RubyGems', 'gem'],
  ['NuGet', 'nuget'],
  ['Packagist', 'composer'],
  ['GitHub Actions', 'semver'],
]);

/** purl types (lower case, per the purl spec) to schemes. */
const PURL_TYPES: ReadonlyMap<string, SchemeId> = new Map<string, SchemeId>([
  ['deb', 'dpkg'],
  ['rpm', 'rpm'],
  ['apk', 'apk'],
  ['alpm', 'alpm'],
  ['npm', 'semver'],
  ['cargo', 'semver'],
  ['pypi', 'pep440'],
  ['maven', 'maven'],
  ['golang', 'go'],
  ['gem', 'gem'],
  ['nuget', 'nuget'],
  ['composer', 'composer'],
  ['github', 'semver'],
  ['githubactions', 'semver'],
]);

/** The scheme id for an OSV ecosystem name or a purl type, or undefined when crowsnest has none. */
export function schemeIdFor(ecosystem: string): SchemeId | undefined {
  const trimmed = ecosystem.trim();
  const colon = trimmed.indexOf(':');
  const base = colon >= 0 ? trimmed.slice(0, colon) : trimmed;
  return ECOSYSTEMS.get(base) ?? (colon < 0 ? PURL_TYPES.get(base.toLowerCase()) : undefined);
}

/** Never falls back: an ecosystem without a scheme is undefined, and callers must say "cannot evaluate". */
export function schemeFor(ecosystem: string): VersionScheme | undefined {
  const id = schemeIdFor(ecosystem);
  return id === undefined ? undefined : schemes.get(id);
}
