// The stored images of the re-evaluation bench: synthesised from the fixture SBOMs, analysed once against the
// advisory data and kept in a SQLite store under .cache/bench/reevaluate (reused by later runs).
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { openAdvisoryDb } from '../src/advisories/store/index.js';
import type { AdvisoryDb } from '../src/advisories/store/types.js';
import { parseInput } from '../src/image/input.js';
import { openImage } from '../src/image/open.js';
import { matchSbom } from '../src/match/match.js';
import type { Finding, NotEvaluated } from '../src/match/types.js';
import { assembleReport, databaseInfo } from '../src/report/assemble.js';
import { buildSbom } from '../src/sbom/build.js';
import type { Package, PackageType, Sbom } from '../src/sbom/types.js';
import { keyString, lookupKeys } from '../src/service/evaluation/rematch.js';
import { openStore } from '../src/store/open.js';
import type { PackageKey, Repository, Store } from '../src/store/types.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
export const work = join(root, '.cache', 'bench', 'reevaluate');
const REPOSITORIES = 100;

/** Deterministic numbers: the same images and update every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function sbomOf(layout: string, ref: string): Promise<Sbom> {
  const image = await openImage(parseInput(`oci-dir://${layout}`), { ref });
  try {
    return (await buildSbom(image, { env: { ...process.env, CROWSNEST_CACHE_DIR: join(work, 'cache') } }))
      .sbom;
  } finally {
    await image.close();
  }
}

export interface Dependency {
  type: PackageType;
  ecosystem: string;
  name: string;
}

const languages: Record<string, { type: PackageType; ecosystem: string }> = {
  npm: { type: 'npm', ecosystem: 'npm' },
  pypi: { type: 'pypi', ecosystem: 'PyPI' },
  go: { type: 'golang', ecosystem: 'Go' },
  'crates.io': { type: 'cargo', ecosystem: 'crates.io' },
  rubygems: { type: 'gem', ecosystem: 'RubyGems' },
  packagist: { type: 'composer', ecosystem: 'Packagist' },
};

/**
 * The packages applications depend on, most popular first: every language package the advisory data names
 * (shuffled), then 20,000 more per the same ecosystems that no advisory names yet (most of an ecosystem).
 */
export function dependencyUniverse(dbPath: string): Dependency[] {
  const db = new Sqlite(dbPath, { readonly: true });
  const rows = db
    .prepare(
      `SELECT DISTINCT base, name FROM packages WHERE base IN (${Object.keys(languages)
        .map(() => '?')
        .join(',')})`,
    )
    .all(...Object.keys(languages)) as { base: string; name: string }[];
  db.close();
  const known = rows.map((r) => ({ ...(languages[r.base] as Dependency), name: r.name }));
  const bases = Object.keys(languages);
  const rest = Array.from({ length: 20_000 }, (_, i) => {
    const base = bases[i % bases.length] as string;
    const name =
      base === 'packagist'
        ? `vendor${i}/lib${i}`
        : base === 'go'
          ? `example.org/m${i}/lib`
          : `lib-${base.replace('.', '-')}-${i}`;
    return { ...(languages[base] as Dependency), name };
  });
  const all = [...known, ...rest];
  const rng = prng(7);
  for (let i = all.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [all[i], all[j]] = [all[j] as Dependency, all[i] as Dependency];
  }
  return all;
}

export const version = (r: number) => `${1 + (r % 4)}.${r % 13}.${r % 7}`;

/** One synthetic image: a fixture's packages (some dropped, some at other versions) plus its app's dependencies. */
export function synthesise(i: number, bases: Sbom[], universe: Dependency[]): Sbom {
  const rng = prng(1000 + i);
  const base = bases[i % 5 < 3 ? 0 : 1] as Sbom;
  const packages: Package[] = [];
  for (const pkg of base.packages) {
    if (rng() < 0.12) continue;
    const bump = pkg.type === 'deb' ? rng() < 0.08 : rng() < 0.25;
    if (!bump) {
      packages.push(pkg);
      continue;
    }
    const delta = rng() < 0.5 ? -1 : 1;
    const v = pkg.version.replace(/(\d+)(?!.*\d)/, (n) => String(Math.max(0, Number(n) + delta)));
    const source = pkg.source?.version === pkg.version ? { ...pkg.source, version: v } : pkg.source;
    packages.push({ ...pkg, id: `${pkg.id}|${v}`, version: v, ...(source ? { source } : {}) });
  }
  const layer = Math.max(0, ...base.packages.map((p) => p.layer)) + 1;
  const count = 20 + Math.floor(rng() * 40);
  const seen = new Set<string>();
  for (let k = 0; k < count; k++) {
    // popularity: a power law, so a few dependencies are in most images and most in a few
    const dep = universe[Math.floor(universe.length * rng() ** 3)] as Dependency;
    if (seen.has(dep.name)) continue;
    seen.add(dep.name);
    const v = version(Math.floor(rng() * 10_000));
    const id = `${dep.type}:${dep.name}@${v}`;
    packages.push({
      id,
      type: dep.type,
      name: dep.name,
      version: v,
      purl: `pkg:${dep.type}/${encodeURIComponent(dep.name)}@${v}`,
      licenses: [],
      locations: [{ path: `/app/deps/${dep.name}`, layer }],
      layer,
      foundBy: 'bench',
    });
  }
  return { ...base, packages };
}

/** Per-package match results, shared by the images that hold the same package (matching is per package). */
class PackageMemo {
  private readonly results = new Map<
    string,
    { findings: Finding[]; notEvaluated: NotEvaluated[]; keys: PackageKey[] }
  >();
  constructor(private readonly db: AdvisoryDb) {}

  analyse(sbom: Sbom): { findings: Finding[]; notEvaluated: NotEvaluated[]; keys: PackageKey[] } {
    const out = {
      findings: [] as Finding[],
      notEvaluated: [] as NotEvaluated[],
      keys: new Map<string, PackageKey>(),
    };
    const keysOf = lookupKeys(sbom);
    for (const pkg of sbom.packages) {
      const memoKey = `${sbom.distro?.id}:${sbom.distro?.versionId}\u0000${pkg.id}`;
      let found = this.results.get(memoKey);
      if (!found) {
        const result = matchSbom(
          { packages: [pkg], ...(sbom.distro ? { distro: sbom.distro } : {}) },
          this.db,
        );
        found = {
          findings: result.findings,
          notEvaluated: result.notEvaluated,
          keys: keysOf.get(pkg.id) ?? [],
        };
        this.results.set(memoKey, found);
      }
      out.findings.push(...found.findings);
      out.notEvaluated.push(...found.notEvaluated);
      for (const key of found.keys) out.keys.set(keyString(key), key);
    }
    return { findings: out.findings, notEvaluated: out.notEvaluated, keys: [...out.keys.values()] };
  }
}

/** The stored images, analysed against the advisory data before the update (cached between runs). */
export async function seedStore(
  path: string,
  count: number,
  sboms: (i: number) => Sbom,
  dbPath: string,
  log: (l: string) => void,
) {
  if (existsSync(path)) return;
  const started = performance.now();
  const tmp = `${path}.tmp`;
  rmSync(tmp, { force: true });
  const store = await openStore({ sqlitePath: tmp });
  const db = openAdvisoryDb(dbPath);
  const memo = new PackageMemo(db);
  const database = databaseInfo(db);
  try {
    const org = await store.orgs.create({ slug: 'bench', name: 'bench' });
    const registry = await store.registries.create({
      orgId: org.id,
      name: 'r',
      url: 'http://127.0.0.1:5000',
      webhookSecretHash: 'x',
    });
    const repositories: Repository[] = [];
    for (let r = 0; r < REPOSITORIES; r++) {
      const repo = await store.repositories.ensure(org.id, registry.id, `team-${r}/app`);
      repositories.push(await store.repositories.setMode(org.id, repo.id, 'continuous', null));
    }
    for (let i = 0; i < count; i += 50) {
      await store.transaction(async (trx) => {
        for (let k = i; k < Math.min(count, i + 50); k++)
          await seedImage(trx, k, sboms(k), repositories[k % REPOSITORIES]!, memo, database);
      });
      if ((i + 50) % 2000 === 0) log(`  seeded ${i + 50} images`);
    }
  } finally {
    db.close();
    await store.close();
  }
  copyFileSync(tmp, path);
  rmSync(tmp, { force: true });
  log(
    `seeded ${count} images in ${((performance.now() - started) / 1000).toFixed(0)} s (cached for later runs)`,
  );
}

async function seedImage(
  store: Store,
  i: number,
  sbom: Sbom,
  repository: { id: string; orgId: string },
  memo: PackageMemo,
  database: ReturnType<typeof databaseInfo>,
) {
  const { findings, notEvaluated, keys } = memo.analyse(sbom);
  const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  const digest = `sha256:${i.toString(16).padStart(64, '0')}`;
  await store.images.saveAnalysis({
    orgId: repository.orgId,
    repositoryId: repository.id,
    digest,
    pushedAt: at,
    mode: 'continuous',
    at,
    sbom,
    report: assembleReport(sbom, { findings, notEvaluated }, database, new Date(at)),
    packageKeys: keys,
  });
  await store.repositories.recordPush(repository.id, { tag: `build-${i}`, digest, at });
}

/** Which images look up each (ecosystem, name) key: what an update must name to reach a share of them. */
export function imageKeyIndex(
  count: number,
  sboms: (i: number) => Sbom,
): Map<string, { key: PackageKey; images: number[] }> {
  const index = new Map<string, { key: PackageKey; images: number[] }>();
  for (let i = 0; i < count; i++) {
    const seen = new Set<string>();
    for (const keys of lookupKeys(sboms(i)).values()) {
      for (const key of keys) {
        const id = keyString(key);
        if (seen.has(id)) continue;
        seen.add(id);
        const entry = index.get(id) ?? { key, images: [] };
        entry.images.push(i);
        index.set(id, entry);
      }
    }
  }
  return index;
}
