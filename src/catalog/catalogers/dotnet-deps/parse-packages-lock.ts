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
 * A NuGet `packages.lock.json`: `dependencies.<framework>[/<rid>].<name>` with `resolved` versions, types
 * Direct, Transitive and CentralTransitive. `Project` entries (other projects of the solution) have no
 * version and are left out. A package locked for several frameworks is reported once per version.
 */
export function parsePackagesLock(text: string): ParseResult {
  return guarded(() => {
    const doc = parseJson(text);
    if (!doc.ok) return failed(doc.reason);
    const frameworks = asDict(asDict(doc.value)?.dependencies);
    if (!frameworks) return failed('packages.lock.json: no dependencies object');
    const out: ParsedPackage[] = [];
    for (const [framework, value] of Object.entries(frameworks)) {
      for (const [name, entry] of Object.entries(asDict(value) ?? {})) {
        const dependency = asDict(entry);
        const type = asString(dependency?.type);
        const version = asString(dependency?.resolved);
        if (!dependency || !version || type === 'Project') continue;
        const metadata = compact({
          framework,
          dependencyType: type,
          contentHash: asString(dependency.contentHash),
        });
        out.push({ name, version, ...(metadata ? { metadata } : {}) });
      }
    }
    return parsed(out);
  });
}
