import {
  compact,
  failed,
  guarded,
  type ParsedPackage,
  type ParseResult,
  parsed,
} from '../lang-common/parsed.js';
import { asDict, asString, parseJson } from '../lang-common/values.js';

/**
 * Pipfile.lock (JSON): `default` and `develop` map names to `{version: "==1.2.3", hashes, markers}`.
 * Entries without a version (VCS or editable installs) name no release.
 */
export function parsePipfileLock(text: string): ParseResult {
  return guarded(() => {
    const json = parseJson(text);
    if (!json.ok) return failed(json.reason);
    const lock = asDict(json.value);
    if (!lock || (!asDict(lock.default) && !asDict(lock.develop)))
      return failed('no "default" or "develop" section');
    const packages: ParsedPackage[] = [];
    for (const section of ['default', 'develop'] as const) {
      for (const [name, value] of Object.entries(asDict(lock[section]) ?? {})) {
        const version = asString(asDict(value)?.version)?.replace(/^===?/, '');
        if (!version || !/^\d/.test(version)) continue;
        const metadata = compact({ dev: section === 'develop', markers: asString(asDict(value)?.markers) });
        packages.push({ name, version, ...(metadata ? { metadata } : {}) });
      }
    }
    return parsed(packages);
  });
}
