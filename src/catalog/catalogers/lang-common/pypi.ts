import { makePurl } from '../../../core/purl.js';
import type { ParsedPackage } from './parsed.js';

/** PEP 503 normalised project name: runs of `-`, `_` and `.` become one `-`, all lowercase. */
export function normalizePypiName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

/** `pkg:pypi/<normalised name>@version`, as the purl spec asks for PyPI. */
export function pypiPurl(pkg: Pick<ParsedPackage, 'name' | 'version'>): string {
  return makePurl({ type: 'pypi', name: normalizePypiName(pkg.name), version: pkg.version });
}
