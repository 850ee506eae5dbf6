import { isRegistryVersion, splitSpecifier, unalias } from '../lang-common/npm.js';
import { failed, guarded, type ParsedPackage, type ParseResult, parsed } from '../lang-common/parsed.js';

/**
 * yarn.lock version 1 (yarn classic), its own indentation format, not YAML:
 *
 *     "@scope/a@^1.0.0", "@scope/a@^1.2.0":
 *       version "1.2.3"
 *       resolved "…"
 *
 * An entry starts at column 0 and ends with `:`; its specifiers name the package, `version` its release.
 */
export function parseYarnV1(text: string): ParseResult {
  return guarded(() => {
    const packages: ParsedPackage[] = [];
    let current: { name: string; range: string } | undefined;
    let entries = 0;
    for (const line of text.split(/\r?\n/)) {
      if (line === '' || line.startsWith('#')) continue;
      if (!/^\s/.test(line)) {
        current = headerOf(line);
        if (current) entries += 1;
        continue;
      }
      const version = /^ {2}version:? +"?([^"\s]+)"?\s*$/.exec(line)?.[1];
      if (!current || !version) continue;
      if (isRegistryVersion(version) && !/^(file|link|portal):/.test(current.range)) {
        packages.push({ name: unalias(current.name, current.range), version });
      }
      current = undefined;
    }
    if (entries === 0 && !/yarn lockfile v1/.test(text)) return failed('no yarn.lock entries found');
    return parsed(packages);
  });
}

/** `"a@^1", a@~1.2:` → the first specifier's name and range. */
function headerOf(line: string): { name: string; range: string } | undefined {
  if (!line.trimEnd().endsWith(':')) return undefined;
  const first = line.trimEnd().slice(0, -1).split(',')[0]?.trim().replace(/^"|"$/g, '');
  return first ? splitSpecifier(first) : undefined;
}
