import { matchLanguagePackage } from '../helpers/language-match.js';
import type { Matcher } from '../types.js';

/**
 * Go modules by module path, and the Go standard library: the go-binary cataloger reports the toolchain as
 * the module `stdlib` at a module-style version (`go1.22.1` → `v1.22.1`), which is how Go's vulnerability
 * database names it.
 */
export const golangMatcher: Matcher = {
  id: 'golang',
  types: ['golang'],
  match: (pkg, context) =>
    matchLanguagePackage(pkg, context, {
      ecosystem: 'Go',
      name: pkg.name,
      ...(pkg.name === 'stdlib' ? { method: 'go-stdlib' as const } : {}),
    }),
};
