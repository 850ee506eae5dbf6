import { matchLanguagePackage } from '../helpers/language-match.js';
import type { Matcher } from '../types.js';

/** RubyGems by gem name. */
export const gemMatcher: Matcher = {
  id: 'gem',
  types: ['gem'],
  match: (pkg, context) => matchLanguagePackage(pkg, context, { ecosystem: 'RubyGems', name: pkg.name }),
};
