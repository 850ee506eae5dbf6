import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { osvDirectories } from '../feeds/registry.js';

/**
 * How `crowsnest db import` recognises feeds in a folder: each rule matches file paths (relative to the
 * folder, "/"-separated, any depth) in the layout the upstream publishes, and names the feed that reads them.
 * The first matching rule wins for each file.
 */
export interface DetectionRule {
  feed: string | ((match: RegExpExecArray) => string | undefined);
  pattern: RegExp;
  /** What the rule recognises, for `--help` and error messages. */
  describes: string;
}

export const detectionTable: readonly DetectionRule[] = [
  {
    describes: '<ECOSYSTEM>/all.zip (OSV export, e.g. Go/all.zip, PyPI/all.zip, crates.io/all.zip)',
    pattern: /(?:^|\/)([^/]+)\/all\.zip$/,
    feed: (m) => osvDirectories.get(m[1] ?? ''),
  },
  {
    describes: 'DSA.list or data/DSA/list',
    pattern: /(?:^|\/)(?:DSA\.list|data\/DSA\/list)$/,
    feed: 'debian-dsa',
  },
  {
    describes: 'DLA.list or data/DLA/list',
    pattern: /(?:^|\/)(?:DLA\.list|data\/DLA\/list)$/,
    feed: 'debian-dla',
  },
  {
    describes: 'debian*.json(.gz) or data/json (tracker dump)',
    pattern: /(?:^|\/)(?:debian[^/]*\.json(?:\.gz)?|data\/json)$/,
    feed: 'debian-tracker',
  },
  { describes: 'alpine-secdb*.zip', pattern: /(?:^|\/)alpine-secdb[^/]*\.zip$/, feed: 'alpine-secdb' },
  {
    describes: 'v3.N/{main,community}.{json,yaml} (secdb)',
    pattern: /(?:^|\/)(?:v\d+\.\d+|edge)\/(?:main|community)\.(?:ya?ml|json)$/,
    feed: 'alpine-secdb',
  },
  {
    describes: 'uct*.tar(.gz|.xz) (Ubuntu CVE tracker)',
    pattern: /(?:^|\/)(?:uct|ubuntu-cve-tracker)[^/]*\.(?:tar|tar\.gz|tgz|tar\.xz)$/,
    feed: 'ubuntu-uct',
  },
  { describes: 'ruby-advisory-db*.zip', pattern: /(?:^|\/)ruby-advisory-db[^/]*\.zip$/, feed: 'rubysec' },
  {
    describes: 'gems/<gem>/*.yml, rubies/<engine>/*.yml',
    pattern: /(?:^|\/)(?:gems|rubies)\/[^/]+\/[^/]+\.yml$/,
    feed: 'rubysec',
  },
  {
    describes: 'security-advisories*.zip (FriendsOfPHP)',
    pattern: /(?:^|\/)security-advisories[^/]*\.zip$/,
    feed: 'friendsofphp',
  },
  {
    describes: 'security-advisories/<vendor>/<package>/*.yaml',
    pattern: /(?:^|\/)security-advisories[^/]*\/[^./][^/]*\/[^/]+\/[^/]+\.ya?ml$/,
    feed: 'friendsofphp',
  },
  {
    describes: 'nodejs-security-wg/vuln.zip or security-wg*.zip',
    pattern: /(?:^|\/)(?:nodejs-security-wg\/vuln|security-wg[^/]*)\.zip$/,
    feed: 'nodejs-security-wg',
  },
  {
    describes: 'vuln/{npm,core}/<n>.json',
    pattern: /(?:^|\/)vuln\/(?:npm|core)\/\d+\.json$/,
    feed: 'nodejs-security-wg',
  },
  {
    describes: 'advisory-database*.zip (GitHub, OSV layout)',
    pattern: /(?:^|\/)advisory-database[^/]*\.zip$/,
    feed: 'ghsa',
  },
  {
    describes: 'advisories/github-reviewed/**/GHSA-*.json',
    pattern: /(?:^|\/)advisories\/github-reviewed\/(?:[^/]+\/)*GHSA-[^/]+\.json$/,
    feed: 'ghsa',
  },
  {
    describes: 'known_exploited_vulnerabilities.json (CISA KEV)',
    pattern: /(?:^|\/)known_exploited_vulnerabilities\.json$/,
    feed: 'cisa-kev',
  },
  {
    describes: 'epss*.csv(.gz), epss*.tar(.gz|.xz)',
    pattern: /(?:^|\/)epss[^/]*\.(?:csv|csv\.gz|tar|tar\.gz|tgz|tar\.xz)$/i,
    feed: 'epss',
  },
  { describes: 'EPSS_CVE_data/*.csv', pattern: /(?:^|\/)EPSS_CVE_data\/[^/]+\.csv$/, feed: 'epss' },
];

export interface Detection {
  /** Feed id → absolute file paths, in path order. */
  feeds: Map<string, string[]>;
  /** Files no rule recognised (relative paths). */
  ignored: string[];
}

/** Lists every file under `root` (dot-folders skipped) and assigns each to a feed by the detection table. */
export function detectFeeds(root: string): Detection {
  const feeds = new Map<string, string[]>();
  const ignored: string[] = [];
  for (const file of walk(root)) {
    const rel = relative(root, file).split(sep).join('/');
    const feed = feedOf(rel);
    if (feed) feeds.set(feed, [...(feeds.get(feed) ?? []), file]);
    else ignored.push(rel);
  }
  return { feeds, ignored };
}

export function feedOf(relativePath: string): string | undefined {
  for (const rule of detectionTable) {
    const m = rule.pattern.exec(relativePath);
    if (!m) continue;
    const feed = typeof rule.feed === 'string' ? rule.feed : rule.feed(m);
    if (feed) return feed;
  }
  return undefined;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}
