import { defineScheme, type Parsed, parsed, rejected } from '../../define.js';
import { compareDigits, isAlphaCode, isDigitCode } from '../../digits.js';

/** Debian policy 5.6.12: `[epoch:]upstream_version[-debian_revision]`. */
export interface DpkgVersion {
  epoch: string;
  upstream: string;
  revision: string;
}

const UPSTREAM_CHARS = /^[A-Za-z0-9.+~:-]*$/;
const REVISION_CHARS = /^[A-Za-z0-9.+~]*$/;

/**
 * Parses like dpkg's `parseversion`, but also rejects what dpkg only warns about (an upstream version not
 * starting with a digit, characters outside policy): such versions never appear in a real archive, and a
 * scanner should not guess how to order them.
 */
export function parseDpkg(text: string): Parsed<DpkgVersion> {
  const version = text.trim();
  if (version === '') return rejected('empty');
  if (/\s/.test(version)) return rejected('contains spaces');
  let rest = version;
  let epoch = '0';
  const colon = version.indexOf(':');
  if (colon >= 0) {
    epoch = version.slice(0, colon);
    if (!/^\d+$/.test(epoch)) return rejected('the epoch is not a number');
    if (Number(epoch) > 2147483647) return rejected('the epoch is too big');
    rest = version.slice(colon + 1);
    if (rest === '') return rejected('nothing after the epoch colon');
  }
  const dash = rest.lastIndexOf('-');
  const upstream = dash >= 0 ? rest.slice(0, dash) : rest;
  const revision = dash >= 0 ? rest.slice(dash + 1) : '';
  if (dash >= 0 && revision === '') return rejected('the revision is empty');
  if (upstream === '') return rejected('the upstream version is empty');
  if (!isDigitCode(upstream.charCodeAt(0)))
    return rejected('the upstream version does not start with a digit');
  if (!UPSTREAM_CHARS.test(upstream)) return rejected('invalid character in the upstream version');
  if (!REVISION_CHARS.test(revision)) return rejected('invalid character in the revision');
  return parsed({ epoch, upstream, revision });
}

/** dpkg's character weight: `~` before end of string, end before letters, letters before other symbols. */
function weight(code: number): number {
  if (Number.isNaN(code) || isDigitCode(code)) return 0;
  if (isAlphaCode(code)) return code;
  if (code === 126) return -1;
  return code + 256;
}

/** dpkg's `verrevcmp`: alternating non-digit runs (by weight) and digit runs (numerically). */
export function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while (
      (i < a.length && !isDigitCode(a.charCodeAt(i))) ||
      (j < b.length && !isDigitCode(b.charCodeAt(j)))
    ) {
      const diff = weight(a.charCodeAt(i)) - weight(b.charCodeAt(j));
      if (diff !== 0) return diff;
      i++;
      j++;
    }
    const startA = i;
    const startB = j;
    while (i < a.length && isDigitCode(a.charCodeAt(i))) i++;
    while (j < b.length && isDigitCode(b.charCodeAt(j))) j++;
    const diff = compareDigits(a.slice(startA, i) || '0', b.slice(startB, j) || '0');
    if (diff !== 0) return diff;
  }
  return 0;
}

export function compareDpkg(a: DpkgVersion, b: DpkgVersion): number {
  return (
    compareDigits(a.epoch, b.epoch) || verrevcmp(a.upstream, b.upstream) || verrevcmp(a.revision, b.revision)
  );
}

export const dpkgScheme = defineScheme('dpkg', 'Debian (dpkg)', parseDpkg, compareDpkg);
