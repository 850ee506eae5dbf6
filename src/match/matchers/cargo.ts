import { matchLanguagePackage } from '../helpers/language-match.js';
import type { Matcher } from '../types.js';

/** Rust crates by crates.io name. */
export const cargoMatcher: Matcher = {
  id: 'cargo',
  types: ['cargo'],
  match: (pkg, context) => matchLanguagePackage(pkg, context, { ecosystem: 'crates.io', name: pkg.name }),
};
