import { matchLanguagePackage } from '../helpers/language-match.js';
import type { Matcher } from '../types.js';

/** GitHub Actions by `owner/repo` (GHSA's "GitHub Actions" ecosystem). */
export const githubActionMatcher: Matcher = {
  id: 'github-action',
  types: ['github-action'],
  match: (pkg, context) =>
    matchLanguagePackage(pkg, context, { ecosystem: 'GitHub Actions', name: pkg.name }),
};
