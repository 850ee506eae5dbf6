import { isLocalPath } from '../go-binary/packages.js';
import type { GoModFile, GoReplace, GoRequire } from './parse-go-mod.js';

/** A module a go.mod requires, after its replace directives. */
export interface RequiredModule {
  name: string;
  version: string;
  metadata: Record<string, unknown>;
}

/** The replace that applies: one naming this exact version wins over one for every version. */
function replacementOf(require: GoRequire, replaces: GoReplace[]): GoReplace | undefined {
  const forPath = replaces.filter((r) => r.oldPath === require.path);
  return (
    forPath.find((r) => r.oldVersion === require.version) ?? forPath.find((r) => r.oldVersion === undefined)
  );
}

/**
 * The requirements of a go.mod, direct and `// indirect` alike (both are in the build list), with replace
 * directives applied: a module replacement reports the new module, a directory replacement keeps the
 * required name and version and says where the code came from. Exclude directives are recorded on the
 * requirement they name. go.sum is not read: it lists every module the graph ever touched, not what is used.
 */
export function requiredModules(file: GoModFile): RequiredModule[] {
  return file.requires.map((require) => {
    const excluded = file.excludes.some((e) => e.path === require.path && e.version === require.version);
    const base = {
      ...(file.module ? { mainModule: file.module } : {}),
      ...(require.indirect ? { indirect: true } : {}),
      ...(excluded ? { excluded: true } : {}),
    };
    const replace = replacementOf(require, file.replaces);
    if (!replace) return { name: require.path, version: require.version, metadata: base };
    if (isLocalPath(replace.newPath) || !replace.newVersion) {
      return {
        name: require.path,
        version: require.version,
        metadata: { ...base, replacedBy: replace.newPath },
      };
    }
    return {
      name: replace.newPath,
      version: replace.newVersion,
      metadata: { ...base, replaces: `${require.path}@${require.version}` },
    };
  });
}
