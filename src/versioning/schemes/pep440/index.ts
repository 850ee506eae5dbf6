import { compare, valid } from '@renovatebot/pep440';
import { defineScheme, type Parsed, parsed, rejected } from '../../define.js';

/**
 * PEP 440 (PyPI) via @renovatebot/pep440, which follows Python's `packaging.version`: epochs, pre-, post-
 * and dev-releases, local versions, and the PEP's alternative spellings (`1.0-1`, `1.0alpha`, `v1.0`).
 */
export function parsePep440(text: string): Parsed<string> {
  const version = text.trim();
  return valid(version) === null ? rejected('not a PEP 440 version') : parsed(version);
}

export const pep440Scheme = defineScheme('pep440', 'PEP 440', parsePep440, compare);
