import { AppError } from '../core/errors.js';
import type { SchemeId, VersionScheme } from './types.js';

/** A parser's answer: the parsed value, or why the text is not a version of this scheme. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export function parsed<T>(value: T): Parsed<T> {
  return { ok: true, value };
}

export function rejected<T>(reason: string): Parsed<T> {
  return { ok: false, reason };
}

export function invalidVersion(id: SchemeId, name: string, version: string, reason: string): AppError {
  return new AppError('E_VERSION_INVALID', `"${version}" is not a valid ${name} version: ${reason}`, {
    where: `version scheme ${id}`,
    hint: 'check the version string, or that the package belongs to this ecosystem',
  });
}

/**
 * Builds a scheme from a parser and an ordering over parsed values, so `isValid` and `compare` can never
 * disagree about what is a version. Parsing is cached per string because matching compares the same few
 * versions (the installed one, the range bounds) many times.
 */
export function defineScheme<T>(
  id: SchemeId,
  name: string,
  parse: (version: string) => Parsed<T>,
  order: (a: T, b: T) => number,
): VersionScheme {
  const cache = new Map<string, Parsed<T>>();
  const parseCached = (version: string): Parsed<T> => {
    let result = cache.get(version);
    if (result === undefined) {
      result = typeof version === 'string' ? parse(version) : rejected('not a string');
      if (cache.size >= 10_000) cache.clear();
      cache.set(version, result);
    }
    return result;
  };
  const require = (version: string): T => {
    const result = parseCached(version);
    if (!result.ok) throw invalidVersion(id, name, String(version), result.reason);
    return result.value;
  };
  return {
    id,
    name,
    isValid: (version) => parseCached(version).ok,
    compare: (a, b) => {
      const result = order(require(a), require(b));
      return result < 0 ? -1 : result > 0 ? 1 : 0;
    },
  };
}
