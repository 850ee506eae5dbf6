import { defineScheme, type Parsed, parsed, rejected } from '../../define.js';
import { rpmvercmp } from './rpmvercmp.js';

/** `[epoch:]version[-release]`; `release` is undefined when there is no `-`. */
export interface Evr {
  epoch: string;
  version: string;
  release: string | undefined;
}

/**
 * Splits like rpm's `parseEVR`: an all-digit prefix ending in `:` is the epoch, the last `-` starts the
 * release. rpm itself orders any string; we refuse empty parts and whitespace, which no real package has.
 */
export function parseEvr(text: string): Parsed<Evr> {
  if (text === '') return rejected('empty');
  if (/[\s\p{Cc}]/u.test(text)) return rejected('contains spaces or control characters');
  const epochMatch = /^(\d*):/.exec(text);
  const epoch = epochMatch ? epochMatch[1] || '0' : '0';
  const rest = epochMatch ? text.slice(epochMatch[0].length) : text;
  const dash = rest.lastIndexOf('-');
  const version = dash >= 0 ? rest.slice(0, dash) : rest;
  const release = dash >= 0 ? rest.slice(dash + 1) : undefined;
  if (version === '') return rejected('the version part is empty');
  if (release === '') return rejected('the release after "-" is empty');
  return parsed({ epoch, version, release });
}

/**
 * rpm's `labelCompare`: epoch, then version, then release, each with rpmvercmp. A missing release sorts
 * before any release (as `rpm.labelCompare` with `None`), which keeps the order total; rpm's dependency
 * matcher instead treats it as "any release", which is not an ordering.
 */
export function compareEvr(a: Evr, b: Evr): number {
  return (
    rpmvercmp(a.epoch, b.epoch) || rpmvercmp(a.version, b.version) || compareRelease(a.release, b.release)
  );
}

function compareRelease(a: string | undefined, b: string | undefined): number {
  if (a === undefined || b === undefined) return a === b ? 0 : a === undefined ? -1 : 1;
  return rpmvercmp(a, b);
}

export const rpmScheme = defineScheme('rpm', 'RPM', parseEvr, compareEvr);
