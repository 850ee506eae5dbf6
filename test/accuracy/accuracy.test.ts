import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAdvisoryDb } from '../../src/advisories/store/index.js';
import { CachedSource } from '../../src/match/helpers/cached-source.js';
import { matchSbom } from '../../src/match/match.js';
import { mavenName } from '../../src/match/matchers/maven.js';
import { type ScanProgress, scan, scanSbom } from '../../src/report/scan.js';
import type { Report } from '../../src/report/types.js';
import type { Package, Sbom } from '../../src/sbom/types.js';
import { ensureFixtures } from '../fixtures/images.js';
import {
  haveSharedAdvisories,
  type ImportedRaw,
  importFeeds,
  layOutFeeds,
  fixtures as ownFixtures,
  sharedAdvisories,
} from './feeds.js';
import {
  type Expectation,
  type Expected,
  expectDebian,
  expectFriendsOfPhp,
  expectNpm,
  expectOsv,
  expectRubysec,
  goCompare,
  type Installed,
  mavenCompare,
  merge,
  pkgKey,
  pypiCompare,
  rpmCompare,
} from './reference.js';
import { appSbom, fragmentSboms } from './sboms.js';

const shared = haveSharedAdvisories();
if (!shared) process.stderr.write(`[accuracy] skipped: ${sharedAdvisories} is absent (CI always has it)\n`);

const ecosystemOf: Partial<Record<Package['type'], string>> = {
  npm: 'npm',
  pypi: 'PyPI',
  golang: 'Go',
  gem: 'RubyGems',
  composer: 'Packagist',
  maven: 'Maven',
};

function wantedNames(sboms: Sbom[]): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  for (const pkg of sboms.flatMap((s) => s.packages)) {
    const ecosystem = ecosystemOf[pkg.type];
    if (!ecosystem) continue;
    const name =
      pkg.type === 'maven'
        ? mavenName(pkg)
        : pkg.type === 'pypi'
          ? pkg.name.replace(/[-_.]+/g, '-')
          : pkg.name;
    if (!names.has(ecosystem)) names.set(ecosystem, new Set());
    names.get(ecosystem)!.add(name.toLowerCase());
  }
  return names;
}

const installedOf = (sbom: Sbom, type: Package['type']): Installed[] =>
  sbom.packages
    .filter((p) => p.type === type)
    .map((p) => ({
      type: p.type,
      name: p.type === 'maven' ? mavenName(p) : p.name,
      version: p.version,
      ...(p.source
        ? { source: { name: p.source.name, ...(p.source.version ? { version: p.source.version } : {}) } }
        : {}),
    }));

/** Every (package, record) pair the report shows, keyed like the expectation (Maven by group:artifact). */
function actualPairs(report: Report, types?: Package['type'][]): string[] {
  const byId = new Map(report.packages.map((p) => [p.id, p]));
  const out = new Set<string>();
  for (const finding of report.findings) {
    const pkg = byId.get(finding.packageId)!;
    if (types && !types.includes(pkg.type)) continue;
    const key = pkgKey({
      type: pkg.type,
      name: pkg.type === 'maven' ? mavenName(pkg) : pkg.name,
      version: pkg.version,
    });
    for (const match of finding.matches) out.add(`${key}|${match.advisoryId}`);
  }
  return [...out].sort();
}

const pairs = (expected: Expectation[]): string[] =>
  [...new Set(expected.map((e) => `${e.pkg}|${e.advisoryId}`))].sort();

describe.skipIf(!shared)('accuracy on the fixture images against real advisories', () => {
  let dir = '';
  let dbPath = '';
  let raw: ImportedRaw;
  let app: Sbom;
  let frags: Awaited<ReturnType<typeof fragmentSboms>>;
  const reports: Record<'app' | 'debian' | 'alma' | 'alpine', Report> = {} as never;
  const progress: ScanProgress[] = [];
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crowsnest-accuracy-'));
    dbPath = join(dir, 'advisories.db');
    const env = { ...process.env, CROWSNEST_CACHE_DIR: join(dir, 'cache') };
    const fixtures = await ensureFixtures();
    let t = performance.now();
    app = await appSbom(fixtures, env);
    timings.appSbomMs = performance.now() - t;
    frags = await fragmentSboms();
    t = performance.now();
    raw = await layOutFeeds(join(dir, 'feeds'), { names: wantedNames([app, frags.debian]) });
    await importFeeds(join(dir, 'feeds'), dbPath);
    timings.importMs = performance.now() - t;
    t = performance.now();
    reports.app = await scan(`oci-dir://${fixtures.layout}`, {
      ref: 'app',
      dbPath,
      env,
      onProgress: (e) => progress.push(e),
    });
    timings.appScanMs = performance.now() - t;
    reports.debian = await scanSbom(frags.debian, { dbPath });
    reports.alma = await scanSbom(frags.alma, { dbPath });
    reports.alpine = await scanSbom(frags.alpine, { dbPath });
  });
  afterAll(() => {
    for (const [name, report] of Object.entries(reports)) {
      const types = new Map<string, number>();
      const byId = new Map(report.packages.map((p) => [p.id, p.type]));
      for (const f of report.findings)
        types.set(byId.get(f.packageId)!, (types.get(byId.get(f.packageId)!) ?? 0) + 1);
      process.stderr.write(
        `[accuracy] ${name}: ${report.packages.length} packages, ${report.findings.length} findings ${JSON.stringify(Object.fromEntries(types))}, ${report.notEvaluated.length} not evaluated${report.notEvaluated.length ? ` (${[...new Set(report.notEvaluated.map((n) => n.reason))].slice(0, 3).join(' | ')})` : ''}\n`,
      );
    }
    process.stderr.write(
      `[accuracy] ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])))}\n`,
    );
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('scans the app image through its cached SBOM, with the progress a front end shows', () => {
    expect(progress.find((e) => e.stage === 'indexed')).toEqual({
      stage: 'indexed',
      packages: app.packages.length,
      cached: true,
    });
    const matched = progress.find((e) => e.stage === 'matched');
    expect(matched).toEqual({
      stage: 'matched',
      vulnerablePackages: reports.app.summary.vulnerablePackages,
      findings: reports.app.findings.length,
    });
  });

  it('finds exactly the npm advisories whose ranges hold the installed versions (node-semver)', () => {
    for (const [name, sbom, report] of [
      ['app', app, reports.app],
      ['fragments', frags.debian, reports.debian],
    ] as const) {
      const expected = expectNpm(raw, installedOf(sbom, 'npm'));
      expect(expected.affected.length, name).toBeGreaterThanOrEqual(10);
      expect(actualPairs(report, ['npm']), name).toEqual(pairs(expected.affected));
    }
    const ids = (report: Report) => new Set(report.findings.map((f) => f.id));
    for (const cve of [
      'CVE-2020-8203',
      'CVE-2021-23337',
      'CVE-2022-24999',
      'CVE-2024-45296',
      'CVE-2024-43799',
      'CVE-2024-45590',
      'CVE-2024-47764',
      'CVE-2024-29041',
    ])
      expect(ids(reports.app), cve).toContain(cve);
    // minimist was deleted from node_modules in layer 3: the lock file alone does not make it installed
    expect(app.packages.some((p) => p.name === 'minimist')).toBe(false);
    expect(ids(reports.app)).not.toContain('CVE-2021-44906');
    // the npm fragment has it installed
    for (const cve of ['CVE-2020-7598', 'CVE-2021-44906']) expect(ids(reports.debian), cve).toContain(cve);
  });

  it('reports Debian packages by their source package with the tracker’s fix state (dpkg --compare-versions)', async () => {
    const tracker = JSON.parse(readFileSync(join(ownFixtures, 'debian/debian-bookworm.json'), 'utf8'));
    for (const [name, sbom, report] of [
      ['app', app, reports.app],
      ['fragments', frags.debian, reports.debian],
    ] as const) {
      const expected = await expectDebian(tracker, installedOf(sbom, 'deb'), 'bookworm');
      expect(actualPairs(report, ['deb']), name).toEqual(pairs(expected.affected));
      checkFixStates(report, expected.affected);
    }
    const states = new Set(
      reports.app.findings.filter((f) => f.distroStatus).map((f) => `${f.fix.state}:${f.distroStatus}`),
    );
    expect(states).toEqual(
      new Set([
        'fixed:fixed',
        'not-fixed:unfixed',
        'not-fixed:no-dsa',
        'not-fixed:postponed',
        'will-not-fix:ignored',
      ]),
    );
  });

  it('matches the Debian python3, ruby, java, PHP and Go packages by their ecosystem names', async () => {
    const installed = (type: Package['type']) => installedOf(frags.debian, type);
    const expected = merge(
      expectOsv(raw.osv.get('Go') ?? [], installed('golang'), 'Go', goCompare, 'v'),
      expectOsv(raw.osv.get('PyPI') ?? [], installed('pypi'), 'PyPI', pypiCompare),
      expectOsv(raw.osv.get('Maven') ?? [], installed('maven'), 'Maven', mavenCompare),
      expectRubysec(raw, installed('gem')),
      expectFriendsOfPhp(raw, installed('composer')),
    );
    for (const type of ['golang', 'pypi', 'maven', 'gem', 'composer'] as const) {
      const mine = expected.affected.filter((e) => e.pkg.startsWith(`${type}:`));
      expect(mine.length, `${type} expectations`).toBeGreaterThan(0);
      expect(actualPairs(reports.debian, [type]), type).toEqual(pairs(mine));
    }
    expectReported(reports.debian, expected);
    expect(reports.debian.findings.some((f) => f.matches.some((m) => m.method === 'go-stdlib'))).toBe(true);
  });

  it('matches rpm packages by name and source RPM within the release (rpm labelCompare)', () => {
    const expected = expectOsv(
      raw.osv.get('AlmaLinux') ?? [],
      installedOf(frags.alma, 'rpm'),
      'AlmaLinux:9',
      rpmCompare,
    );
    expect(expected.affected.length).toBeGreaterThan(0);
    expect(actualPairs(reports.alma)).toEqual(pairs(expected.affected));
  });

  it('matches apk packages by origin within the Alpine branch', () => {
    // no apk comparison tool is installable: 3.1.3-r0 < 3.1.4-r0 (CVE-2023-5363 open) and 3.1.3-r0 >= 3.1.2-r0
    // (CVE-2023-3817 fixed) read the same in apk-tools' ordering (numeric components, then -rN)
    expect(actualPairs(reports.alpine)).toEqual([
      'apk:libcrypto3@3.1.3-r0|ALPINE-CVE-2023-5363',
      'apk:libssl3@3.1.3-r0|ALPINE-CVE-2023-5363',
    ]);
  });

  it('names what it could not evaluate, and nothing is silently skipped', () => {
    for (const report of Object.values(reports)) {
      for (const entry of report.notEvaluated) expect(entry.reason).toBeTruthy();
    }
  });

  it('matches hundreds of packages in a few milliseconds once the look-ups are cached', () => {
    const db = openAdvisoryDb(dbPath);
    try {
      for (const [name, sbom] of [
        ['app', app],
        ['fragments', frags.debian],
      ] as const) {
        const cold = performance.now();
        const first = matchSbom(sbom, db);
        timings[`${name}MatchColdMs`] = performance.now() - cold;
        // every (ecosystem, name) key is looked up once, however many packages share it
        const keys = new Set(
          sbom.packages.map((p) => `${p.type}:${p.type === 'maven' ? mavenName(p) : p.name}`),
        );
        expect(first.stats.lookups.byPackage).toBeLessThanOrEqual(keys.size * 2);
        const source = new CachedSource(db);
        matchSbom(sbom, source);
        const rounds = 10;
        const started = performance.now();
        for (let i = 0; i < rounds; i++) matchSbom(sbom, source);
        const perRun = (performance.now() - started) / rounds;
        timings[`${name}MatchWarmMs`] = perRun;
        timings[`${name}Packages`] = sbom.packages.length;
        // a few ms on an idle machine; the bound leaves room for a loaded CI runner
        expect(perRun).toBeLessThan(300);
      }
    } finally {
      db.close();
    }
  });
});

/** Each expected distro entry shows the tracker's fix state, and its fixed version when there is one. */
function checkFixStates(report: Report, expected: Expectation[]): void {
  const byId = new Map(report.packages.map((p) => [p.id, p]));
  for (const e of expected) {
    const finding = report.findings.find(
      (f) =>
        pkgKey(byId.get(f.packageId)! as Installed) === e.pkg &&
        f.matches.some((m) => m.advisoryId === e.advisoryId),
    );
    expect(finding, `${e.pkg} ${e.advisoryId}`).toBeDefined();
    expect(finding!.fix.state, `${e.pkg} ${e.advisoryId}`).toBe(e.fixState);
    if (e.fixedVersion) expect(finding!.fix.versions).toEqual([e.fixedVersion]);
  }
}

/** What the tools could not compare must appear as "not evaluated", never as a silent miss. */
function expectReported(report: Report, expected: Expected): void {
  const byId = new Map(report.packages.map((p) => [p.id, p]));
  for (const e of expected.unreadable) {
    const hit = report.notEvaluated.some((n) => {
      const pkg = byId.get(n.packageId);
      return (
        pkg &&
        pkgKey({
          type: pkg.type,
          name: pkg.type === 'maven' ? mavenName(pkg) : pkg.name,
          version: pkg.version,
        }) === e.pkg &&
        (n.advisoryId === undefined || n.advisoryId === e.advisoryId)
      );
    });
    expect(hit, `${e.pkg} ${e.advisoryId} not evaluated`).toBe(true);
  }
}
