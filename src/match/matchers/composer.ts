import { matchLanguagePackage } from '../helpers/language-match.js';
import type { Matcher } from '../types.js';

/** Packagist packages by `vendor/name`. */
export const composerMatcher: Matcher = {
  id: 'composer',
  types: ['composer'],
  match: (pkg, context) => matchLanguagePackage(pkg, context, { ecosystem: 'Packagist', name: pkg.name }),
};
