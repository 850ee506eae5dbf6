/**
 * Composer's `VersionParser::normalize` (composer/semver 3.x) for one version string: returns the normalised
 * form (`v1.2` → `1.2.0.0`, `1.0-b2` → `1.0.0.0-beta2`, `2.x-dev` → `2.9999999.9999999.9999999-dev`,
 * `dev-main` stays a branch name) or undefined where Composer throws "Invalid version string".
 */
const MODIFIER = '[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*)?)?([.-]?dev)?';
const CLASSICAL = new RegExp(`^v?(\\d{1,5})(\\.\\d+)?(\\.\\d+)?(\\.\\d+)?${MODIFIER}$`, 'i');
const DATED = new RegExp(`^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3})?)${MODIFIER}$`, 'i');
const BRANCH = /^v?(\d+)(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?(\.(?:\d+|[xX*]))?$/i;

function expandStability(stability: string): string {
  const lower = stability.toLowerCase();
  return (
    ({ a: 'alpha', b: 'beta', p: 'patch', pl: 'patch', rc: 'RC' } as Record<string, string>)[lower] ?? lower
  );
}

function withModifiers(version: string, match: RegExpExecArray, index: number): string {
  let result = version;
  const stability = match[index];
  if (stability) {
    if (stability === 'stable') return result;
    result += `-${expandStability(stability)}${(match[index + 1] ?? '').replace(/^[.-]+/, '')}`;
  }
  if (match[index + 2]) result += '-dev';
  return result;
}

export function normalizeBranch(name: string): string {
  const match = BRANCH.exec(name.trim());
  if (!match) return `dev-${name}`;
  let version = '';
  for (let i = 1; i < 5; i++) version += match[i] ? match[i]!.replace(/[*X]/g, 'x') : '.x';
  return `${version.replaceAll('x', '9999999')}-dev`;
}

export function normalizeComposer(input: string): string | undefined {
  let version = input.trim();
  const alias = /^([^,\s]+) +as +([^,\s]+)$/.exec(version);
  if (alias) version = alias[1]!;
  const flag = /@(?:stable|RC|beta|alpha|dev)$/i.exec(version);
  if (flag) version = version.slice(0, version.length - flag[0].length);
  if (version === 'master' || version === 'trunk' || version === 'default') version = `dev-${version}`;
  if (version.toLowerCase().startsWith('dev-')) return `dev-${version.slice(4)}`;
  const build = /^([^,\s+]+)\+\S+$/.exec(version);
  if (build) version = build[1]!;
  const classical = CLASSICAL.exec(version);
  if (classical) {
    const [, major, minor, patch, extra] = classical;
    return withModifiers(`${major}${minor || '.0'}${patch || '.0'}${extra || '.0'}`, classical, 5);
  }
  const dated = DATED.exec(version);
  if (dated) return withModifiers(dated[1]!.replace(/\D/g, '.'), dated, 2);
  const dev = /^(.*?)[.-]?dev$/i.exec(version);
  if (dev) {
    const normalized = normalizeBranch(dev[1]!);
    if (!normalized.includes('dev-')) return normalized;
  }
  return undefined;
}
