import { matchLanguagePackage } from '../helpers/language-match.js';
import type { Matcher } from '../types.js';

/** PyPI projects; the store compares names as PEP 503 normalises them (`Zope.Interface` = `zope-interface`). */
export const pypiMatcher: Matcher = {
  id: 'pypi',
  types: ['pypi'],
  match: (pkg, context) => matchLanguagePackage(pkg, context, { ecosystem: 'PyPI', name: pkg.name }),
};
