import { composerPackage } from '../lang-common/composer.js';
import { failed, guarded, type ParseResult, parsed } from '../lang-common/parsed.js';
import { asArray, asDict, parseJson } from '../lang-common/values.js';

/** composer.lock: `packages` (production) and `packages-dev`, both in Composer's package schema. */
export function parseComposerLock(text: string): ParseResult {
  return guarded(() => {
    const json = parseJson(text);
    if (!json.ok) return failed(json.reason);
    const lock = asDict(json.value);
    if (!lock || (!Array.isArray(lock.packages) && !Array.isArray(lock['packages-dev']))) {
      return failed('no "packages" or "packages-dev" array: not a composer.lock');
    }
    return parsed([
      ...asArray(lock.packages).flatMap((p) => composerPackage(p, false) ?? []),
      ...asArray(lock['packages-dev']).flatMap((p) => composerPackage(p, true) ?? []),
    ]);
  });
}
