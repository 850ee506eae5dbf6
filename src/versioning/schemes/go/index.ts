import { defineScheme, type Parsed, parsed, rejected } from '../../define.js';
import { compareAscii, compareDigits } from '../../digits.js';

/** A Go module version as golang.org/x/mod/semver sees it; build metadata is parsed but never compared. */
export interface GoVersion {
  major: string;
  minor: string;
  patch: string;
  prerelease: string[];
}

const NUMBER = '(0|[1-9][0-9]*)';
const IDENT = '[0-9A-Za-z-]+';
const FULL = new RegExp(
  `^v${NUMBER}(?:\\.${NUMBER}(?:\\.${NUMBER}(?:-(${IDENT}(?:\\.${IDENT})*))?(?:\\+(${IDENT}(?:\\.${IDENT})*))?)?)?$`,
);

/**
 * Parses like x/mod/semver's `parse`, including its shorthands (`v1` = `v1.0.0`, `v1.2` = `v1.2.0`, which
 * take no prerelease or build). One liberty: the `v` may be missing, because OSV's Go records store versions
 * without it (`1.6.0`), while go.mod and purls carry it.
 */
export function parseGo(text: string): Parsed<GoVersion> {
  const version = text.startsWith('v') ? text : `v${text}`;
  const match = FULL.exec(version);
  if (!match) return rejected('not vMAJOR[.MINOR[.PATCH[-PRERELEASE][+BUILD]]]');
  const prerelease = match[4] === undefined ? [] : match[4].split('.');
  if (prerelease.some((id) => /^0[0-9]+$/.test(id)))
    return rejected('a numeric prerelease part has a leading zero');
  return parsed({ major: match[1]!, minor: match[2] ?? '0', patch: match[3] ?? '0', prerelease });
}

const isNumeric = (id: string): boolean => /^[0-9]+$/.test(id);

function comparePrerelease(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return a.length === b.length ? 0 : a.length === 0 ? 1 : -1;
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (isNumeric(x) !== isNumeric(y)) return isNumeric(x) ? -1 : 1;
    return isNumeric(x) ? compareDigits(x, y) : compareAscii(x, y);
  }
  return a.length - b.length;
}

/** Pseudo-versions (`v0.0.0-20200101000000-abcdef123456`) are prereleases and order by their timestamp. */
export function compareGo(a: GoVersion, b: GoVersion): number {
  return (
    compareDigits(a.major, b.major) ||
    compareDigits(a.minor, b.minor) ||
    compareDigits(a.patch, b.patch) ||
    comparePrerelease(a.prerelease, b.prerelease)
  );
}

export const goScheme = defineScheme('go', 'Go module', parseGo, compareGo);
