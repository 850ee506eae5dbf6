import { composerPackage } from '../lang-common/composer.js';
import { failed, guarded, type ParseResult, parsed } from '../lang-common/parsed.js';
import { asArray, asDict, asString, parseJson } from '../lang-common/values.js';

/**
 * vendor/composer/installed.json: Composer 1 wrote a bare array of packages; Composer 2 writes
 * `{packages: [...], dev: bool, "dev-package-names": [...]}`, naming the packages installed only for
 * development.
 */
export function parseInstalledJson(text: string): ParseResult {
  return guarded(() => {
    const json = parseJson(text);
    if (!json.ok) return failed(json.reason);
    if (Array.isArray(json.value)) return parsed(json.value.flatMap((p) => composerPackage(p, false) ?? []));
    const document = asDict(json.value);
    if (!document || !Array.isArray(document.packages))
      return failed('neither a package array nor {packages: [...]}');
    const devNames = new Set(asArray(document['dev-package-names']).map(asString));
    return parsed(
      document.packages.flatMap((p) => composerPackage(p, devNames.has(asString(asDict(p)?.name))) ?? []),
    );
  });
}
