/**
 * Every registered cataloger's id and version, without loading the catalogers: the SBOM cache key needs
 * only these, so a cache hit never pays for importing every parser. A test keeps this list equal to the
 * registry's; bump a version in both places.
 */
export const catalogerVersionList: readonly { id: string; version: number }[] = [
  { id: 'deb', version: 1 },
  { id: 'rpm', version: 1 },
  { id: 'apk', version: 1 },
  { id: 'alpm', version: 1 },
  { id: 'npm-installed', version: 1 },
  { id: 'python-installed', version: 1 },
  { id: 'gem-installed', version: 1 },
  { id: 'composer-installed', version: 1 },
  { id: 'java-archive', version: 1 },
  { id: 'go-binary', version: 1 },
  { id: 'cargo-auditable', version: 1 },
  { id: 'dotnet-deps', version: 1 },
  { id: 'npm-lockfile', version: 1 },
  { id: 'yarn-lockfile', version: 1 },
  { id: 'pnpm-lockfile', version: 1 },
  { id: 'python-lockfiles', version: 1 },
  { id: 'gem-lockfile', version: 1 },
  { id: 'composer-lockfile', version: 1 },
  { id: 'go-mod', version: 1 },
  { id: 'cargo-lock', version: 1 },
  { id: 'github-actions', version: 1 },
];
