import { defineScheme, type Parsed, parsed, rejected } from '../../define.js';
import { normalizeComposer } from './normalize.js';
import { phpVersionCompare } from './php-version-compare.js';

/**
 * Composer (Packagist): `VersionParser::normalize`, then PHP's `version_compare`, as Composer's `Constraint`
 * does for two versions. Stabilities order dev < alpha < beta < RC < stable < patch. Named branches
 * (`dev-main`) have no order in Composer (they only equal themselves), so they are not valid here.
 */
export function parseComposer(text: string): Parsed<string> {
  const normalized = normalizeComposer(text);
  if (normalized === undefined) return rejected('Composer cannot normalise it');
  if (normalized.startsWith('dev-')) return rejected('a named branch has no version order');
  return parsed(normalized);
}

export const composerScheme = defineScheme('composer', 'Composer', parseComposer, phpVersionCompare);
