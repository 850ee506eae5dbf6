import { makePurl } from '../../../core/purl.js';

/**
 * `pkg:golang/<namespace>/<name>@<version>`: the module path's last segment is the name, the rest the
 * namespace (`golang.org/x/mod` → `golang.org/x` + `mod`). Case is kept: module paths are case-sensitive and
 * the current purl spec no longer lowercases golang names. A version that is not one (`(devel)`) is left out.
 */
export function goPurl(modulePath: string, version: string): string {
  const slash = modulePath.lastIndexOf('/');
  return makePurl({
    type: 'golang',
    ...(slash > 0 ? { namespace: modulePath.slice(0, slash) } : {}),
    name: slash > 0 ? modulePath.slice(slash + 1) : modulePath,
    ...(isModuleVersion(version) ? { version } : {}),
  });
}

export function isModuleVersion(version: string): boolean {
  return /^v\d/.test(version);
}

/**
 * The Go toolchain version as a module-style semantic version, the way Go's vulnerability tooling converts
 * release tags for the `stdlib` package: `go1.22.1` → `v1.22.1`, `go1.21` → `v1.21.0`, `go1.21rc2` →
 * `v1.21.0-rc.2`, `go1.19beta1` → `v1.19.0-beta.1`. GOEXPERIMENT suffixes (`go1.22.1 X:boringcrypto`) are
 * dropped. Undefined for development toolchains (`devel go1.23-abcdef`), which name no release.
 */
export function goToolchainVersion(goVersion: string): string | undefined {
  const match = /^go(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:(rc|beta|alpha)(\d+))?$/.exec(
    goVersion.split(/\s/)[0] ?? '',
  );
  if (!match) return undefined;
  const [, major, minor = '0', patch = '0', pre, preNumber] = match;
  return `v${major}.${minor}.${patch}${pre ? `-${pre}.${preNumber}` : ''}`;
}
