// API latency under load: a `crowsnest serve` child process over a SQLite store of 1,000 analysed images
// (synthesised from the fixture images' SBOMs and findings), autocannon with 50 connections on the dashboard's
// repository and vulnerability lists, each against /healthz under the same load from the same client.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openAdvisoryDb } from '../src/advisories/store/index.js';
import { parseInput } from '../src/image/input.js';
import { openImage } from '../src/image/open.js';
import type { Report } from '../src/report/types.js';
import { buildSbom } from '../src/sbom/build.js';
import type { Sbom } from '../src/sbom/types.js';
import { matchRecordingKeys } from '../src/service/analyze.js';
import { authService } from '../src/service/auth.js';
import { openStore } from '../src/store/open.js';
import type { PackageKey, Store } from '../src/store/types.js';
import { ensureFixtures } from '../test/fixtures/images.js';
import { ensureSbomImage } from '../test/fixtures/sbom-image.js';
import { benchAdvisoryDb } from './advisory-db.js';
import type { Bench } from './types.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const work = join(root, '.cache', 'bench', 'api');
const REPOSITORIES = 100;
const OWNER = { email: 'bench@api.test', password: 'bench-password' };

interface Analysis {
  sbom: Sbom;
  report: Report;
  keys: PackageKey[];
}

/** Deterministic numbers: the same store every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function sbomOf(layout: string, ref: string): Promise<Sbom> {
  const image = await openImage(parseInput(`oci-dir://${layout}`), { ref });
  try {
    return (await buildSbom(image, { env: { ...process.env, CROWSNEST_CACHE_DIR: join(work, 'cache') } }))
      .sbom;
  } finally {
    await image.close();
  }
}

/** The fixture app and the all-ecosystems fixture, each matched once against the advisory DB. */
async function baseAnalyses(dbPath: string): Promise<Analysis[]> {
  const fixtures = await ensureFixtures();
  const big = await ensureSbomImage();
  const db = openAdvisoryDb(dbPath);
  try {
    const sboms = [await sbomOf(fixtures.layout, 'app'), await sbomOf(big.layout, big.facts.ref)];
    return sboms.map((sbom) => ({ sbom, ...matchRecordingKeys(sbom, db) }));
  } finally {
    db.close();
  }
}

/** Image `i`: a base with about 15 % of its packages dropped (and their findings), so counts differ. */
function synthesise(i: number, bases: Analysis[]): Analysis {
  const base = bases[i % bases.length] as Analysis;
  const rng = prng(i + 1);
  const packages = base.sbom.packages.filter(() => rng() > 0.15);
  const kept = new Set(packages.map((p) => p.id));
  const findings = base.report.findings.filter((f) => kept.has(f.packageId));
  const sbom = { ...base.sbom, packages };
  const fixable = findings.filter((f) => f.fix.state === 'fixed').length;
  const counts = { critical: 0, high: 0, medium: 0, low: 0, unspecified: 0 };
  for (const f of findings) {
    const rating = f.severity.rating;
    counts[rating === 'none' || rating === 'unknown' ? 'unspecified' : rating] += 1;
  }
  const vulnerablePackages = new Set(findings.map((f) => f.packageId)).size;
  const report: Report = {
    ...base.report,
    packages,
    findings,
    summary: { ...base.report.summary, counts, packages: packages.length, vulnerablePackages, fixable },
  };
  return { sbom, report, keys: base.keys };
}

/** 100 repositories × 10 tags (v0 … v9, the newest last pushed), all continuous, in the owner's org. */
async function seed(store: Store, count: number, bases: Analysis[], log: (line: string) => void) {
  const auth = authService(store);
  if (await auth.needsSetup()) await auth.bootstrap({ ...OWNER, orgSlug: 'bench' }, 'trusted');
  const org = (await store.orgs.getBySlug('bench'))!;
  if ((await store.images.list(org.id, { limit: 1 })).total >= count) return org;
  log(`seeding ${count} analysed images (once)`);
  const registry =
    (await store.registries.listByOrg(org.id))[0] ??
    (await store.registries.create({
      orgId: org.id,
      name: 'bench',
      url: 'http://127.0.0.1:5000',
      webhookSecretHash: 'x',
    }));
  for (let i = 0; i < count; i++) {
    const repository = await store.repositories.ensure(org.id, registry.id, `team${i % REPOSITORIES}/app`);
    const digest = `sha256:${createHash('sha256').update(`bench-${i}`).digest('hex')}`;
    const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
    const { sbom, report, keys } = synthesise(i, bases);
    await store.images.saveAnalysis({
      orgId: org.id,
      repositoryId: repository.id,
      digest,
      platform: 'linux/amd64',
      pushedAt: at,
      mode: 'continuous',
      at,
      sbom: {
        ...sbom,
        source: { ...sbom.source, manifestDigest: digest as Sbom['source']['manifestDigest'] },
      },
      report,
      packageKeys: keys,
    });
    await store.repositories.recordPush(repository.id, {
      tag: `v${Math.floor(i / REPOSITORIES)}`,
      digest,
      at,
    });
    if (repository.mode === 'none')
      await store.repositories.setMode(org.id, repository.id, 'continuous', null);
  }
  return org;
}

/** `crowsnest serve --port 0` in a child process; resolves with its URL once it listens. */
function startServe(dataDir: string, dbPath: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [join(root, 'bin', 'crowsnest.js'), 'serve', '--port', '0', '--data-dir', dataDir, '--db', dbPath],
    {
      env: { ...process.env, CROWSNEST_CACHE_DIR: join(work, 'cache') },
      stdio: ['ignore', 'pipe', 'ignore'],
    },
  );
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const url = /serving on (\S+)/.exec(out)?.[1];
      if (url) resolve({ url, child });
    });
    child.once('exit', (code) => reject(new Error(`crowsnest serve exited with ${code}`)));
  });
}

interface LoadResult {
  p50: number;
  p99: number;
  rps: number;
  non2xx: number;
  errors: number;
}

type Autocannon = (options: Record<string, unknown>) => Promise<{
  latency: { p50: number; p99: number };
  requests: { average: number };
  non2xx: number;
  errors: number;
}>;

async function load(url: string, token: string, seconds: number): Promise<LoadResult> {
  // autocannon ships no types; this is the part of its API used here
  const specifier = 'autocannon';
  const { default: autocannon } = (await import(specifier)) as { default: Autocannon };
  const result = await autocannon({
    url,
    connections: 50,
    duration: seconds,
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    rps: result.requests.average,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export const apiBench: Bench = {
  name: 'api',
  description:
    'API latency with 1,000 stored images: 50 connections on the repository and vulnerability lists, as ratios to /healthz under the same load',
  async run(log) {
    const count = Number(process.env.CROWSNEST_BENCH_API_IMAGES ?? 1000);
    const seconds = Number(process.env.CROWSNEST_BENCH_API_SECONDS ?? 10);
    const dataDir = join(work, `data-${count}`);
    mkdirSync(dataDir, { recursive: true });
    const dbPath = await benchAdvisoryDb(log);
    const store = await openStore({ sqlitePath: join(dataDir, 'crowsnest.db') });
    let token: string;
    try {
      const bases = await baseAnalyses(dbPath);
      const org = await seed(store, count, bases, log);
      const user = (await store.users.getByEmail(OWNER.email))!;
      const access = { principal: { kind: 'session' as const, user }, org, role: 'owner' as const };
      token = (await authService(store).createToken(access, { name: `bench ${Date.now()}` })).secret;
      const findings = bases.map((b) => b.report.findings.length).join(' and ');
      log(
        `${count} images in ${REPOSITORIES} repositories, synthesised from the fixture app and the all-ecosystems fixture (${findings} findings before ~15 % of packages are dropped per image); SQLite; server in a child process, autocannon 50 connections, ${seconds} s per target after a 2 s warm-up`,
      );
    } finally {
      await store.close();
    }
    const { url, child } = await startServe(dataDir, dbPath);
    try {
      const targets = {
        '/healthz': `${url}/healthz`,
        'repositories (dashboard, sort=-severity)': `${url}/api/orgs/bench/dashboard/repositories?sort=-severity`,
        'vulnerabilities (dashboard, default sort)': `${url}/api/orgs/bench/dashboard/vulnerabilities`,
      };
      const results: Record<string, LoadResult> = {};
      for (const [name, target] of Object.entries(targets)) {
        const check = await fetch(target, { headers: { authorization: `Bearer ${token}` } });
        const body = (await check.json()) as { total?: number };
        if (!check.ok) throw new Error(`${target}: HTTP ${check.status}`);
        await load(target, token, 2);
        results[name] = await load(target, token, seconds);
        if (body.total !== undefined) log(`${name}: ${body.total} items in total, 50 a page`);
      }
      const health = results['/healthz'] as LoadResult;
      log('target | p50 ms | p99 ms | req/s | p50 ratio | p99 ratio | req/s ratio | non-2xx');
      for (const [name, r] of Object.entries(results)) {
        log(
          `${name} | ${r.p50} | ${r.p99} | ${r.rps.toFixed(0)} | ${(r.p50 / Math.max(health.p50, 1)).toFixed(1)}x | ${(r.p99 / Math.max(health.p99, 1)).toFixed(1)}x | ${(health.rps / Math.max(r.rps, 1)).toFixed(1)}x fewer | ${r.non2xx + r.errors}`,
        );
      }
    } finally {
      child.kill('SIGTERM');
    }
  },
};
