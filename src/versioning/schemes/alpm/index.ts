import { defineScheme, type Parsed, parsed, rejected } from '../../define.js';
import { compareAscii, compareDigits, isAlphaCode, isDigitCode } from '../../digits.js';

/** pacman's `[epoch:]pkgver[-pkgrel]`; the epoch defaults to "0", pkgrel may be absent. */
export interface AlpmVersion {
  epoch: string;
  version: string;
  release: string | undefined;
}

const isAlnum = (c: number): boolean => isDigitCode(c) || isAlphaCode(c);

export function parseAlpm(text: string): Parsed<AlpmVersion> {
  if (text === '') return rejected('empty');
  if (/[\s\p{Cc}]/u.test(text)) return rejected('contains spaces or control characters');
  const epochMatch = /^(\d*):/.exec(text);
  const epoch = epochMatch ? epochMatch[1] || '0' : '0';
  const rest = epochMatch ? text.slice(epochMatch[0].length) : text;
  const dash = rest.lastIndexOf('-');
  const version = dash >= 0 ? rest.slice(0, dash) : rest;
  const release = dash >= 0 ? rest.slice(dash + 1) : undefined;
  if (version === '') return rejected('the pkgver part is empty');
  if (release === '') return rejected('the pkgrel after "-" is empty');
  return parsed({ epoch, version, release });
}

/**
 * libalpm's own `rpmvercmp` copy, which is older than rpm's: no `~`/`^`, separator runs of different
 * lengths decide (`1.0` < `1..0`), and a trailing letter run loses to the end of the string (`1.0a` < `1.0`),
 * where rpm says the opposite.
 */
export function alpmVercmp(a: string, b: string): number {
  if (a === b) return 0;
  let i = 0;
  let j = 0;
  let endA = 0;
  let endB = 0;
  while (i < a.length && j < b.length) {
    while (i < a.length && !isAlnum(a.charCodeAt(i))) i++;
    while (j < b.length && !isAlnum(b.charCodeAt(j))) j++;
    if (i >= a.length || j >= b.length) break;
    if (i - endA !== j - endB) return i - endA < j - endB ? -1 : 1;
    const numeric = isDigitCode(a.charCodeAt(i));
    const inRun = numeric ? isDigitCode : isAlphaCode;
    const startA = i;
    const startB = j;
    while (i < a.length && inRun(a.charCodeAt(i))) i++;
    while (j < b.length && inRun(b.charCodeAt(j))) j++;
    if (j === startB) return numeric ? 1 : -1;
    const segA = a.slice(startA, i);
    const segB = b.slice(startB, j);
    const diff = numeric ? compareDigits(segA, segB) : compareAscii(segA, segB);
    if (diff !== 0) return diff;
    endA = i;
    endB = j;
  }
  const restA = i < a.length;
  const restB = j < b.length;
  if (!restA && !restB) return 0;
  // The end of a string beats a letter run, loses to anything else.
  if ((!restA && !isAlphaCode(b.charCodeAt(j))) || isAlphaCode(a.charCodeAt(i))) return -1;
  return 1;
}

/** pacman's `alpm_pkg_vercmp`: the pkgrel counts only when both sides have one. */
export function compareAlpm(a: AlpmVersion, b: AlpmVersion): number {
  const byEpoch = alpmVercmp(a.epoch, b.epoch);
  if (byEpoch !== 0) return byEpoch;
  const byVersion = alpmVercmp(a.version, b.version);
  if (byVersion !== 0 || a.release === undefined || b.release === undefined) return byVersion;
  return alpmVercmp(a.release, b.release);
}

export const alpmScheme = defineScheme('alpm', 'Arch Linux (pacman)', parseAlpm, compareAlpm);
