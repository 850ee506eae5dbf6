import {
  compact,
  failed,
  guarded,
  type ParsedPackage,
  type ParseResult,
  parsed,
} from '../lang-common/parsed.js';
import { asDict, asString, parseJson } from '../lang-common/values.js';

/** Library types that name NuGet packages: `package`, and `runtimepack` (a self-contained app's runtime). */
const RUNTIME_PACK_PREFIX = 'runtimepack.';

/**
 * A .NET `*.deps.json` (Microsoft.Extensions.DependencyModel): every `libraries` entry of type `package` or
 * `runtimepack`, keyed `<name>/<version>`; `project` and `reference` entries are the application's own code
 * and are left out. The runtime target (`.NETCoreApp,Version=v8.0/linux-x64`) goes into the metadata.
 */
export function parseDepsJson(text: string): ParseResult {
  return guarded(() => {
    const doc = parseJson(text);
    if (!doc.ok) return failed(doc.reason);
    const root = asDict(doc.value);
    const libraries = asDict(root?.libraries);
    if (!root || !libraries) return failed('deps.json: no libraries object');
    const target = asString(asDict(root.runtimeTarget)?.name);
    const out: ParsedPackage[] = [];
    for (const [key, value] of Object.entries(libraries)) {
      const library = asDict(value);
      const type = asString(library?.type);
      if (type !== 'package' && type !== 'runtimepack') continue;
      const slash = key.lastIndexOf('/');
      if (slash <= 0 || slash === key.length - 1) continue;
      const rawName = key.slice(0, slash);
      const name =
        type === 'runtimepack' && rawName.startsWith(RUNTIME_PACK_PREFIX)
          ? rawName.slice(RUNTIME_PACK_PREFIX.length)
          : rawName;
      const metadata = compact({
        libraryType: type,
        runtimeTarget: target,
        sha512: asString(library?.sha512),
        path: asString(library?.path),
      });
      out.push({ name, version: key.slice(slash + 1), ...(metadata ? { metadata } : {}) });
    }
    return parsed(out);
  });
}
