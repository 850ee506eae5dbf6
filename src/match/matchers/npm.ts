import { matchLanguagePackage } from '../helpers/language-match.js';
import type { Matcher } from '../types.js';

/** npm packages by name; scoped names (`@scope/name`) are one name, as the registry writes them. */
export const npmMatcher: Matcher = {
  id: 'npm',
  types: ['npm'],
  match: (pkg, context) => matchLanguagePackage(pkg, context, { ecosystem: 'npm', name: pkg.name }),
};
