import { alpineFeed } from './alpine/feed.js';
import { debianDlaFeed, debianDsaFeed } from './debian-dsa/feed.js';
import { debianTrackerFeed } from './debian-tracker/feed.js';
import { epssFeed } from './epss/feed.js';
import { friendsOfPhpFeed } from './friendsofphp/feed.js';
import { ghsaFeed } from './ghsa/feed.js';
import { kevFeed } from './kev/feed.js';
import { nodejsFeed } from './nodejs/feed.js';
import { createOsvFeed } from './osv/feed.js';
import { rubysecFeed } from './rubysec/feed.js';
import type { Feed } from './types.js';
import { ubuntuUctFeed } from './ubuntu-uct/feed.js';

/** OSV ecosystem exports: [feed id, bucket directory (= OSV ecosystem), title, on by default]. */
const osvExports: [string, string, string, boolean][] = [
  ['osv-go', 'Go', 'Go vulnerability database (OSV)', true],
  ['osv-crates-io', 'crates.io', 'RustSec advisories (OSV)', true],
  ['osv-pypi', 'PyPI', 'PyPA and GitHub advisories for PyPI (OSV)', true],
  ['osv-npm', 'npm', 'GitHub advisories for npm (OSV)', true],
  ['osv-maven', 'Maven', 'GitHub advisories for Maven (OSV)', true],
  ['osv-nuget', 'NuGet', 'GitHub advisories for NuGet (OSV)', true],
  ['osv-rubygems', 'RubyGems', 'GitHub advisories for RubyGems (OSV)', true],
  ['osv-packagist', 'Packagist', 'GitHub advisories for Packagist (OSV)', true],
  ['osv-almalinux', 'AlmaLinux', 'AlmaLinux errata (OSV)', true],
  ['osv-rocky', 'Rocky Linux', 'Rocky Linux errata (OSV)', true],
  ['osv-ubuntu', 'Ubuntu', 'Ubuntu security notices and CVE statuses (OSV)', true],
  // OSV's own conversions of the Debian and Alpine data; crowsnest reads those upstreams directly
  ['osv-debian', 'Debian', 'Debian advisories as converted by OSV', false],
  ['osv-alpine', 'Alpine', 'Alpine secdb as converted by OSV', false],
];

const feeds: Feed[] = [
  ...osvExports.map(([id, ecosystem, title, defaultEnabled]) =>
    createOsvFeed({ id, ecosystem, title, defaultEnabled }),
  ),
  debianTrackerFeed,
  debianDsaFeed,
  debianDlaFeed,
  alpineFeed,
  ubuntuUctFeed,
  friendsOfPhpFeed,
  rubysecFeed,
  nodejsFeed,
  ghsaFeed,
  kevFeed,
  epssFeed,
];

/** The explicit registry of feeds, keyed by id, in the order updates run. */
export const feedRegistry: ReadonlyMap<string, Feed> = new Map(feeds.map((f) => [f.id, f]));

/** The OSV bucket directory of each OSV feed, for recognising `<ECOSYSTEM>/all.zip` in an import. */
export const osvDirectories: ReadonlyMap<string, string> = new Map(osvExports.map(([id, dir]) => [dir, id]));
