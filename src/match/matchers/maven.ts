import { parsePurl } from '../../core/purl.js';
import type { Package } from '../../sbom/types.js';
import { matchLanguagePackage } from '../helpers/language-match.js';
import type { Matcher } from '../types.js';

const text = (value: unknown): string | undefined => (typeof value === 'string' && value ? value : undefined);

/** `groupId:artifactId`, as Maven advisories name packages; the purl namespace stands in for a missing groupId. */
export function mavenName(pkg: Package): string {
  const group = text(pkg.metadata?.groupId) ?? parsePurl(pkg.purl)?.namespace ?? pkg.name;
  const artifact = text(pkg.metadata?.artifactId) ?? pkg.name;
  return `${group}:${artifact}`;
}

/** Maven artifacts (jars, wars, ears and their nested archives) by `groupId:artifactId`. */
export const mavenMatcher: Matcher = {
  id: 'maven',
  types: ['maven'],
  match: (pkg, context) => matchLanguagePackage(pkg, context, { ecosystem: 'Maven', name: mavenName(pkg) }),
};
