import { matchLanguagePackage } from '../helpers/language-match.js';
import type { Matcher } from '../types.js';

/** NuGet packages; ids are case-insensitive, as the store compares them. */
export const nugetMatcher: Matcher = {
  id: 'nuget',
  types: ['nuget'],
  match: (pkg, context) => matchLanguagePackage(pkg, context, { ecosystem: 'NuGet', name: pkg.name }),
};
