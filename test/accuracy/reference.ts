import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import {
  type Answer,
  dpkgConfirms,
  goSemverCompare,
  mavenComparableVersion,
  packagingVersion,
  rpmLabelCompare,
} from '../../src/versioning/__fixtures__/differential/references.js';
import type { ImportedRaw } from './feeds.js';

/**
 * The expected findings, computed without crowsnest's matching or version code: the raw advisory files are
 * read here, ranges are evaluated by a small interval reading of OSV events written for this test, and every
 * version comparison is answered by the ecosystem's own tool (dpkg, rpm, packaging, x/mod/semver, Maven's
 * ComparableVersion, Gem::Requirement, Composer, node-semver's CLI). crowsnest's record ids follow the feed
 * conventions (NSWG-ECO-<n>, RUBYSEC-<gem>-<file>, FRIENDSOFPHP-<package>/<file>, DEBIAN-<CVE>).
 */
export interface Installed {
  type: string;
  name: string;
  version: string;
  source?: { name: string; version?: string };
}

export type FixState = 'fixed' | 'not-fixed' | 'will-not-fix';

export interface Expectation {
  /** `type:name@version` */
  pkg: string;
  advisoryId: string;
  /** Distro expectations only. */
  fixState?: FixState;
  fixedVersion?: string;
}

export interface Expected {
  affected: Expectation[];
  /** Pairs a tool could not compare: crowsnest must say "not evaluated" for them, not stay silent. */
  unreadable: Expectation[];
}

export const pkgKey = (p: Installed): string => `${p.type}:${p.name}@${p.version}`;
const here = (file: string): string => fileURLToPath(new URL(`reference/${file}`, import.meta.url));
const pep503 = (name: string): string => name.toLowerCase().replace(/[-_.]+/g, '-');

type Compare = (pairs: readonly (readonly [string, string])[]) => Answer[];

interface Interval {
  lo?: string;
  hi?: string;
  inclusive?: boolean;
}

/** OSV events read as intervals in record order: introduced opens one, fixed / last_affected closes it. */
function intervalsOf(events: Record<string, string>[]): Interval[] {
  const out: Interval[] = [];
  let open: Interval | undefined;
  for (const event of events) {
    if (event.limit !== undefined) throw new Error('limit events are not expected in the fixture data');
    if (event.introduced !== undefined) {
      open = event.introduced === '0' ? {} : { lo: event.introduced };
      out.push(open);
    } else if (event.fixed !== undefined || event.last_affected !== undefined) {
      // a fix with no introduced before it closes an interval that starts at the beginning
      let target = open;
      if (!target) {
        target = {};
        out.push(target);
      }
      if (event.fixed !== undefined) target.hi = event.fixed;
      else {
        target.hi = event.last_affected;
        target.inclusive = true;
      }
      open = undefined;
    }
  }
  return out;
}

interface OsvAffected {
  package?: { ecosystem?: string; name?: string };
  ranges?: { type: string; events: Record<string, string>[] }[];
  versions?: string[];
}

/** Installed packages an OSV `affected` entry names: by name (and for distros, release and source name). */
function targets(
  affected: OsvAffected,
  installed: readonly Installed[],
  ecosystem: string,
): { pkg: Installed; version: string }[] {
  const eco = affected.package?.ecosystem ?? '';
  const name = affected.package?.name ?? '';
  const norm = (n: string) => (eco === 'PyPI' ? pep503(n) : n.toLowerCase());
  if (eco.split(':')[0] !== ecosystem.split(':')[0] || (ecosystem.includes(':') && eco !== ecosystem))
    return [];
  const out: { pkg: Installed; version: string }[] = [];
  for (const pkg of installed) {
    if (norm(pkg.name) === norm(name)) out.push({ pkg, version: pkg.version });
    else if (pkg.source && norm(pkg.source.name) === norm(name))
      out.push({ pkg, version: pkg.source.version ?? pkg.version });
  }
  return out;
}

/**
 * OSV records against installed packages: affected when the `versions` list names the version or an
 * ECOSYSTEM/SEMVER interval holds it. `prefix` adapts versions to the tool (x/mod/semver wants a leading v).
 */
export function expectOsv(
  records: readonly Record<string, unknown>[],
  installed: readonly Installed[],
  ecosystem: string,
  compare: Compare,
  prefix = '',
): Expected {
  const tasks: { pkg: Installed; id: string; version: string; intervals: Interval[]; listed: boolean }[] = [];
  for (const record of records) {
    for (const affected of (record.affected ?? []) as OsvAffected[]) {
      for (const { pkg, version } of targets(affected, installed, ecosystem)) {
        const ranges = (affected.ranges ?? []).filter((r) => r.type !== 'GIT');
        const intervals = ranges.flatMap((r) => intervalsOf(r.events));
        const listed = (affected.versions ?? []).includes(version);
        tasks.push({ pkg, id: String(record.id), version, intervals, listed });
      }
    }
  }
  const pairs: [string, string][] = [];
  const tool = (v: string) => prefix + (prefix && v.startsWith(prefix) ? v.slice(prefix.length) : v);
  for (const t of tasks)
    for (const i of t.intervals) for (const b of [i.lo, i.hi]) if (b) pairs.push([tool(t.version), tool(b)]);
  const answers = pairs.length ? compare(pairs) : [];
  const answer = new Map(pairs.map((p, i) => [`${p[0]}\t${p[1]}`, answers[i]!]));
  const cmp = (a: string, b: string) => answer.get(`${tool(a)}\t${tool(b)}`);
  const out: Expected = { affected: [], unreadable: [] };
  const seen = new Set<string>();
  for (const t of tasks) {
    const key = `${pkgKey(t.pkg)}|${t.id}`;
    let unreadable = false;
    const inside = t.intervals.some((i) => {
      const lo = i.lo === undefined ? 1 : cmp(t.version, i.lo);
      const hi = i.hi === undefined ? -1 : cmp(t.version, i.hi);
      if (lo === 'E' || hi === 'E') unreadable = true;
      if (lo === 'E' || hi === 'E' || lo === undefined || hi === undefined) return false;
      return lo >= 0 && (i.inclusive ? hi <= 0 : hi < 0);
    });
    if (seen.has(key)) continue;
    if (t.listed || inside) {
      seen.add(key);
      out.affected.push({ pkg: pkgKey(t.pkg), advisoryId: t.id });
    } else if (unreadable) out.unreadable.push({ pkg: pkgKey(t.pkg), advisoryId: t.id });
  }
  return out;
}

export const goCompare: Compare = goSemverCompare;
export const pypiCompare: Compare = packagingVersion;
export const mavenCompare: Compare = mavenComparableVersion;
export const rpmCompare: Compare = rpmLabelCompare;

function runLines(command: string, args: string[], input: string): string[] {
  return execFileSync(command, args, { input, encoding: 'utf8', maxBuffer: 1 << 26 })
    .split('\n')
    .slice(0, -1);
}

/** Our own npm OSV records (SEMVER intervals) and the Node.js WG's NSP advisories, via node-semver itself. */
export function expectNpm(raw: ImportedRaw, installed: readonly Installed[]): Expected {
  const tasks: { pkg: Installed; id: string; range: string }[] = [];
  const byName = (name: string) => installed.filter((p) => p.name.toLowerCase() === name.toLowerCase());
  for (const record of raw.osv.get('npm') ?? []) {
    for (const affected of (record.affected ?? []) as OsvAffected[]) {
      const range = (affected.ranges ?? [])
        .flatMap((r) => intervalsOf(r.events))
        .map((i) =>
          [i.lo ? `>=${i.lo}` : '>=0.0.0', i.hi ? `${i.inclusive ? '<=' : '<'}${i.hi}` : ''].join(' ').trim(),
        )
        .join(' || ');
      for (const pkg of byName(affected.package?.name ?? ''))
        tasks.push({ pkg, id: String(record.id), range });
    }
  }
  for (const doc of raw.nswg) {
    for (const pkg of byName(String(doc.module_name))) {
      tasks.push({ pkg, id: `NSWG-ECO-${doc.id}`, range: String(doc.vulnerable_versions) });
    }
  }
  const input = tasks.map((t) => `${t.pkg.version}\t${t.range}\n`).join('');
  return split(tasks, tasks.length ? runLines('node', [here('npm_satisfies.cjs')], input) : []);
}

/** ruby-advisory-db: affected unless a patched or unaffected requirement holds (Gem::Requirement). */
export function expectRubysec(raw: ImportedRaw, installed: readonly Installed[]): Expected {
  const tasks: { pkg: Installed; id: string; reqs: string }[] = [];
  for (const file of raw.rubysec) {
    const m = /^gems\/([^/]+)\/([^/]+)\.yml$/.exec(file.path)!;
    const doc = parseYaml(file.text) as Record<string, unknown>;
    const reqs = [
      ...((doc.patched_versions as string[]) ?? []),
      ...((doc.unaffected_versions as string[]) ?? []),
    ];
    for (const pkg of installed.filter((p) => p.name === doc.gem))
      tasks.push({ pkg, id: `RUBYSEC-${m[1]}-${m[2]}`, reqs: reqs.join('|') });
  }
  const answers = tasks.length
    ? runLines('ruby', [here('gem_affected.rb')], tasks.map((t) => `${t.pkg.version}\t${t.reqs}\n`).join(''))
    : [];
  return split(tasks, answers);
}

/** FriendsOfPHP: affected when any branch's constraints (all of them) hold, per Composer. */
export function expectFriendsOfPhp(raw: ImportedRaw, installed: readonly Installed[]): Expected {
  const tasks: { pkg: Installed; id: string; constraint: string }[] = [];
  for (const file of raw.friendsofphp) {
    const m = /^([^/]+\/[^/]+)\/([^/]+)\.yaml$/.exec(file.path)!;
    const doc = parseYaml(file.text) as {
      reference?: string;
      branches?: Record<string, { versions: string[] }>;
    };
    const name = doc.reference?.replace('composer://', '') ?? m[1]!;
    for (const pkg of installed.filter((p) => p.name.toLowerCase() === name.toLowerCase())) {
      for (const branch of Object.values(doc.branches ?? {})) {
        tasks.push({ pkg, id: `FRIENDSOFPHP-${m[1]}/${m[2]}`, constraint: branch.versions.join(' ') });
      }
    }
  }
  const answers = tasks.length
    ? runLines(
        'php',
        [here('composer_satisfies.php')],
        tasks.map((t) => `${t.pkg.version}\t${t.constraint}\n`).join(''),
      )
    : [];
  return split(tasks, answers);
}

function split(tasks: { pkg: Installed; id: string }[], answers: string[]): Expected {
  const out: Expected = { affected: [], unreadable: [] };
  const seen = new Set<string>();
  tasks.forEach((t, i) => {
    const key = `${pkgKey(t.pkg)}|${t.id}`;
    if (answers[i] === '1' && !seen.has(key)) {
      seen.add(key);
      out.affected.push({ pkg: pkgKey(t.pkg), advisoryId: t.id });
    }
    if (answers[i] === 'E') out.unreadable.push({ pkg: pkgKey(t.pkg), advisoryId: t.id });
  });
  out.unreadable = out.unreadable.filter((u) => !seen.has(`${u.pkg}|${u.advisoryId}`));
  return out;
}

interface TrackerEntry {
  status: string;
  fixed_version?: string;
  nodsa?: string;
  nodsa_reason?: string;
}

/**
 * The Debian tracker dump against installed packages (by source package, comparing the source version):
 * `resolved` is affected when dpkg says installed < fixed; `open` is affected, will-not-fix when the
 * no-DSA reason is "ignored", not-fixed otherwise (unfixed, no-dsa, postponed).
 */
export async function expectDebian(
  tracker: Record<string, Record<string, { releases: Record<string, TrackerEntry> }>>,
  installed: readonly Installed[],
  release: string,
): Promise<Expected> {
  const out: Expected = { affected: [], unreadable: [] };
  const claims: { e: Expectation; a: string; b: string }[] = [];
  for (const [source, issues] of Object.entries(tracker)) {
    for (const [issue, data] of Object.entries(issues)) {
      const entry = data.releases[release];
      if (!entry) continue;
      for (const pkg of installed.filter((p) => (p.source?.name ?? p.name) === source)) {
        const version = pkg.source?.version ?? pkg.version;
        const base = { pkg: pkgKey(pkg), advisoryId: `DEBIAN-${issue}` };
        if (entry.status === 'resolved' && entry.fixed_version && entry.fixed_version !== '0') {
          claims.push({
            e: { ...base, fixState: 'fixed', fixedVersion: entry.fixed_version },
            a: version,
            b: entry.fixed_version,
          });
        } else if (entry.status === 'open') {
          out.affected.push({
            ...base,
            fixState: entry.nodsa_reason === 'ignored' ? 'will-not-fix' : 'not-fixed',
          });
        }
      }
    }
  }
  const yes = await dpkgConfirms(claims.map((c) => [c.a, 'lt', c.b] as const));
  claims.forEach((c, i) => {
    if (yes[i]) out.affected.push(c.e);
  });
  return out;
}

export function merge(...parts: Expected[]): Expected {
  return { affected: parts.flatMap((p) => p.affected), unreadable: parts.flatMap((p) => p.unreadable) };
}
