import { compact, guarded, type ParsedPackage, type ParseResult, parsed } from '../lang-common/parsed.js';

/** `name[extras] == version ; markers` with exactly one exact pin (`==` or `===`, no wildcard). */
const pinned =
  /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[([^\]]*)\])?\s*===?\s*([^\s;,*]+)\s*(?:;\s*(.*))?$/;

/**
 * requirements.txt and friends. Only exact pins name a version: ranges, bare names, URLs, editable installs
 * and pip options say what may be installed, not what is, so they yield no package (and no unknown — they are
 * normal content, not a failure to read). Line continuations, comments and per-line options (`--hash`) are
 * handled as pip handles them.
 */
export function parseRequirements(text: string): ParseResult {
  return guarded(() => {
    const packages: ParsedPackage[] = [];
    for (const line of logicalLines(text)) {
      const requirement = line.replace(/\s--?[a-z][\w-]*(?:[ =]\S+)?/gi, '').trim();
      const match = pinned.exec(requirement);
      if (!match || requirement.startsWith('-')) continue;
      const [, name, extras, version, markers] = match;
      const metadata = compact({ extras: extras?.trim(), markers: markers?.trim() });
      packages.push({ name: name!, version: version!, ...(metadata ? { metadata } : {}) });
    }
    return parsed(packages);
  });
}

/** Joins `\`-continued lines and drops comments (`#` at the start or after white space). */
function logicalLines(text: string): string[] {
  const joined = text.replace(/^\uFEFF/, '').replace(/\\\r?\n/g, ' ');
  return joined
    .split(/\r?\n/)
    .map((line) => line.replace(/(^|\s)#.*$/, '').trim())
    .filter((line) => line !== '');
}
