import { AppError } from '../core/errors.js';
import { schemeFor } from './registry.js';
import type { VersionScheme } from './types.js';

/** The scheme for an ecosystem, or an `E_SCHEME_UNKNOWN` error naming it. */
export function requireScheme(ecosystem: string): VersionScheme {
  const scheme = schemeFor(ecosystem);
  if (!scheme) {
    throw new AppError('E_SCHEME_UNKNOWN', `no version scheme for ecosystem "${ecosystem}"`, {
      hint: 'use an OSV ecosystem name (e.g. "Debian:12", "PyPI") or a purl type (e.g. "deb", "pypi")',
    });
  }
  return scheme;
}

/**
 * Compares two versions of one ecosystem: negative when `a` is older, 0 when equal, positive when newer.
 * `ecosystem` is an OSV ecosystem name, optionally with `:release` (`Debian:12`), or a purl type (`deb`).
 * Throws `E_SCHEME_UNKNOWN` for an ecosystem without a scheme and `E_VERSION_INVALID` for a bad version.
 */
export function compareVersions(ecosystem: string, a: string, b: string): number {
  return requireScheme(ecosystem).compare(a, b);
}
