import semver from 'semver';
import { defineScheme, type Parsed, parsed, rejected } from '../../define.js';

/**
 * SemVer 2.0.0 precedence (npm, crates.io, OSV `SEMVER` ranges) via node-semver in its strict mode: build
 * metadata is ignored, and only the leading `v` and surrounding spaces that node-semver always tolerates are
 * accepted. Loose mode is deliberately off: it would also accept `1.2.3beta` or leading zeros, which no
 * registry of these ecosystems publishes, so such a string is more likely a different scheme's version.
 */
export function parseSemver(text: string): Parsed<semver.SemVer> {
  const version = semver.parse(text);
  return version ? parsed(version) : rejected('not MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]');
}

export const semverScheme = defineScheme('semver', 'SemVer', parseSemver, (a, b) => a.compare(b));
