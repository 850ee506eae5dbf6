/**
 * How the store keys packages: one normalised (ecosystem, name) pair, so the matcher can ask with an OSV
 * ecosystem ("PyPI", "Debian:12") or a purl type ("pypi", "deb") and any spelling of a name an
 * ecosystem treats as equal.
 */

/** purl types → OSV ecosystem names (for types that map to one ecosystem). */
const purlTypes: Record<string, string> = {
  npm: 'npm',
  pypi: 'PyPI',
  golang: 'Go',
  cargo: 'crates.io',
  gem: 'RubyGems',
  composer: 'Packagist',
  maven: 'Maven',
  nuget: 'NuGet',
  hex: 'Hex',
  pub: 'Pub',
  swift: 'SwiftURL',
  apk: 'Alpine',
  alpm: 'Arch Linux',
};

/** Maps a purl type or any-case ecosystem to the OSV spelling; unknown values pass through. */
export function osvEcosystem(ecosystem: string): string {
  const [base = '', ...rest] = ecosystem.split(':');
  const mapped = purlTypes[base.toLowerCase()] ?? base;
  return [mapped, ...rest].join(':');
}

// feeds repeat a handful of ecosystem spellings hundreds of thousands of times
const keyCache = new Map<string, { key: string; base: string }>();

function keysOf(ecosystem: string): { key: string; base: string } {
  let found = keyCache.get(ecosystem);
  if (!found) {
    const lower = osvEcosystem(ecosystem.trim()).toLowerCase();
    const key = lower.startsWith('ubuntu:') ? lower.replace(/:lts$/, '') : lower;
    found = { key, base: key.split(':')[0] ?? '' };
    if (keyCache.size > 10_000) keyCache.clear();
    keyCache.set(ecosystem, found);
  }
  return found;
}

/** The ecosystem key stored in the index: lower case, Ubuntu's ":LTS" marker dropped. */
export function ecosystemKey(ecosystem: string): string {
  return keysOf(ecosystem).key;
}

/** The part before the first colon, lower case: "debian:12" → "debian". */
export function ecosystemBaseKey(ecosystem: string): string {
  return keysOf(ecosystem).base;
}

/** Package names as each ecosystem compares them: PEP 503 for PyPI, case-insensitive elsewhere. */
export function packageKey(ecosystem: string, name: string): string {
  const lower = name.trim().toLowerCase();
  return ecosystemBaseKey(ecosystem) === 'pypi' ? lower.replace(/[-_.]+/g, '-') : lower;
}

/** Debian release codenames → the number OSV uses in "Debian:<number>". */
export const debianReleases: Readonly<Record<string, string>> = Object.freeze({
  buzz: '1.1',
  rex: '1.2',
  bo: '1.3',
  hamm: '2.0',
  slink: '2.1',
  potato: '2.2',
  woody: '3.0',
  sarge: '3.1',
  etch: '4',
  lenny: '5',
  squeeze: '6',
  wheezy: '7',
  jessie: '8',
  stretch: '9',
  buster: '10',
  bullseye: '11',
  bookworm: '12',
  trixie: '13',
  forky: '14',
  duke: '15',
});

/** "bookworm" → "Debian:12"; sid/unstable (no number) → "Debian:unstable"; unknown names kept as given. */
export function debianEcosystem(codename: string): string {
  const name = codename.toLowerCase();
  if (name === 'sid' || name === 'unstable') return 'Debian:unstable';
  return `Debian:${debianReleases[name] ?? name}`;
}

/** Ubuntu release codenames → version. LTS releases are the even-year April ones. */
export const ubuntuReleases: Readonly<Record<string, string>> = Object.freeze({
  warty: '4.10',
  hoary: '5.04',
  breezy: '5.10',
  dapper: '6.06',
  edgy: '6.10',
  feisty: '7.04',
  gutsy: '7.10',
  hardy: '8.04',
  intrepid: '8.10',
  jaunty: '9.04',
  karmic: '9.10',
  lucid: '10.04',
  maverick: '10.10',
  natty: '11.04',
  oneiric: '11.10',
  precise: '12.04',
  quantal: '12.10',
  raring: '13.04',
  saucy: '13.10',
  trusty: '14.04',
  utopic: '14.10',
  vivid: '15.04',
  wily: '15.10',
  xenial: '16.04',
  yakkety: '16.10',
  zesty: '17.04',
  artful: '17.10',
  bionic: '18.04',
  cosmic: '18.10',
  disco: '19.04',
  eoan: '19.10',
  focal: '20.04',
  groovy: '20.10',
  hirsute: '21.04',
  impish: '21.10',
  jammy: '22.04',
  kinetic: '22.10',
  lunar: '23.04',
  mantic: '23.10',
  noble: '24.04',
  oracular: '24.10',
  plucky: '25.04',
  questing: '25.10',
});

/**
 * "focal" → "Ubuntu:20.04:LTS"; "trusty/esm" or "esm-infra/xenial" → "Ubuntu:Pro:…", as OSV names them.
 * Other variants (snaps, phone overlays) are not releases a container image runs: undefined.
 */
export function ubuntuEcosystem(release: string): string | undefined {
  if (!ubuntuCache.has(release)) ubuntuCache.set(release, computeUbuntuEcosystem(release));
  return ubuntuCache.get(release);
}

const ubuntuCache = new Map<string, string | undefined>();

function computeUbuntuEcosystem(release: string): string | undefined {
  const parts = release.toLowerCase().split('/');
  const esmFirst = parts[0]?.startsWith('esm');
  const codename = (esmFirst ? parts[1] : parts[0]) ?? '';
  const variant = esmFirst ? parts[0] : parts[1];
  const version = ubuntuReleases[codename];
  if (!version || (variant !== undefined && !variant.startsWith('esm'))) return undefined;
  const [major = 0] = version.split('.').map(Number);
  const lts = version === '6.06' || (version.endsWith('.04') && major % 2 === 0) ? ':LTS' : '';
  const pro = variant ? 'Pro:' : '';
  return `Ubuntu:${pro}${version}${lts}`;
}
