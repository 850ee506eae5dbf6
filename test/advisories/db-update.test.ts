import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { readZip } from '../../src/advisories/feeds/archive.js';
import { readEpssFiles } from '../../src/advisories/feeds/epss/feed.js';
import { openAdvisoryDb } from '../../src/advisories/store/index.js';
import { captureIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { type FeedServer, startFeedServer } from './server.js';

const shared = process.env.CROWSNEST_SHARED_DIR
  ? join(process.env.CROWSNEST_SHARED_DIR, 'advisories')
  : join(import.meta.dirname, '../../../shared/advisories');
const present = existsSync(join(shared, 'osv-go/Go/all.zip'));
if (!present)
  console.warn(`skipping db update end-to-end tests: ${shared} is absent (set CROWSNEST_SHARED_DIR)`);

/** Every feed the shared snapshot covers, served in its upstream layout (UCT is off by default and slow). */
const feeds = [
  'osv-go',
  'osv-crates-io',
  'osv-pypi',
  'osv-almalinux',
  'debian-tracker',
  'debian-dsa',
  'debian-dla',
  'alpine-secdb',
  'friendsofphp',
  'rubysec',
  'nodejs-security-wg',
  'cisa-kev',
  'epss',
];

async function serveShared(server: FeedServer): Promise<Record<string, string>> {
  const file = (rel: string) => readFileSync(join(shared, rel));
  const put = (path: string, body: Buffer) => server.routes.set(path, { kind: 'file', body });
  for (const [dir, eco] of [
    ['osv-go', 'Go'],
    ['osv-crates-io', 'crates.io'],
    ['osv-pypi', 'PyPI'],
    ['osv-almalinux', 'AlmaLinux'],
  ]) {
    put(`/osv/${eco}/all.zip`, file(`${dir}/${eco}/all.zip`));
  }
  put('/salsa/data/DSA/list', file('debian-security-tracker/DSA.list'));
  put('/salsa/data/DLA/list', file('debian-security-tracker/DLA.list'));
  const samples = await readZip(file('format-samples/vunnel-test-fixtures.zip'), 'samples', (n) =>
    n.endsWith('input/debian.json'),
  );
  put('/tracker/data/json', samples[0]!.data);
  // upstream secdb is JSON now; the snapshot is the archived YAML of the same documents
  for (const entry of await readZip(file('alpine-secdb/alpine-secdb-yaml.zip'), 'alpine')) {
    put(
      `/secdb/${entry.name.replace(/\.yaml$/, '.json')}`,
      Buffer.from(JSON.stringify(parseYaml(entry.data.toString()))),
    );
  }
  put('/gh/fop.zip', file('friendsofphp/security-advisories.zip'));
  put('/gh/rubysec.zip', file('rubysec/ruby-advisory-db.zip'));
  put('/gh/nodejs.zip', file('nodejs-security-wg/vuln.zip'));
  put('/kev/known_exploited_vulnerabilities.json', file('cisa-kev/known_exploited_vulnerabilities.json'));
  const scores = (await readEpssFiles([join(shared, 'epss/epss-by-year.tar.xz')])).epss ?? [];
  const csv = ['#model_version:v2025.03.14,score_date:2026-08-16T00:00:00+0000', 'cve,epss,percentile'];
  for (const s of scores) csv.push(`${s.cve},${s.score},${s.percentile}`);
  put('/epss/epss_scores-current.csv.gz', gzipSync(csv.join('\n')));
  const u = server.url;
  return {
    CROWSNEST_FEED_OSV_GO_URL: `${u}/osv`,
    CROWSNEST_FEED_OSV_CRATES_IO_URL: `${u}/osv`,
    CROWSNEST_FEED_OSV_PYPI_URL: `${u}/osv`,
    CROWSNEST_FEED_OSV_ALMALINUX_URL: `${u}/osv`,
    CROWSNEST_FEED_DEBIAN_TRACKER_URL: `${u}/tracker/data/json`,
    CROWSNEST_FEED_DEBIAN_DSA_URL: `${u}/salsa/data/DSA/list`,
    CROWSNEST_FEED_DEBIAN_DLA_URL: `${u}/salsa/data/DLA/list`,
    CROWSNEST_FEED_ALPINE_SECDB_URL: `${u}/secdb`,
    CROWSNEST_FEED_ALPINE_SECDB_RELEASES: 'v3.3,v3.4,v3.5,v3.6,v3.7,v3.8,v3.9,v3.10,v3.11,v3.12',
    CROWSNEST_FEED_FRIENDSOFPHP_URL: `${u}/gh/fop.zip`,
    CROWSNEST_FEED_RUBYSEC_URL: `${u}/gh/rubysec.zip`,
    CROWSNEST_FEED_NODEJS_SECURITY_WG_URL: `${u}/gh/nodejs.zip`,
    CROWSNEST_FEED_CISA_KEV_URL: `${u}/kev/known_exploited_vulnerabilities.json`,
    CROWSNEST_FEED_EPSS_URL: `${u}/epss/epss_scores-current.csv.gz`,
  };
}

describe.skipIf(!present)('crowsnest db update against a loopback server (real data)', () => {
  let server: FeedServer;
  let cache: string;
  let env: NodeJS.ProcessEnv;
  const run = async (...argv: string[]) => {
    const io = captureIo(env);
    const code = await main(argv, io);
    return { code, out: io.out.join(''), err: io.err.join('') };
  };
  const sources = feeds.flatMap((f) => ['--source', f]);

  beforeAll(async () => {
    server = await startFeedServer();
    cache = mkdtempSync(join(tmpdir(), 'crowsnest-e2e-'));
    env = { ...(await serveShared(server)), CROWSNEST_CACHE_DIR: cache, HOME: cache };
  });
  afterAll(async () => {
    await server.close();
    rmSync(cache, { recursive: true, force: true });
  });

  it('imports every feed on the first run', async () => {
    const first = await run('db', 'update', ...sources, '--format', 'json');
    expect(first.err).not.toMatch(/error/);
    expect(first.code).toBe(0);
    const outcomes = JSON.parse(first.out) as {
      source: string;
      status: string;
      added: number;
      records: number;
    }[];
    expect(outcomes.map((o) => `${o.source}:${o.status}`)).toEqual(feeds.map((f) => `${f}:updated`));
    expect(outcomes.find((o) => o.source === 'osv-go')).toMatchObject({ added: 4291, records: 4291 });
    expect(outcomes.find((o) => o.source === 'epss')?.records).toBe(360_142);
    const db = openAdvisoryDb(join(cache, 'advisories.db'));
    expect(db.byPackage('Go', 'github.com/gin-gonic/gin').map((a) => a.id)).toContain('GO-2020-0001');
    expect(db.byAlias('CVE-2023-1393').map((a) => a.id)).toEqual(
      expect.arrayContaining(['DSA-5380-1', 'DLA-3372-1']),
    );
    expect(db.kev('CVE-2021-44228')?.dateAdded).toBe('2021-12-10');
    db.close();
  });

  it('finds nothing new on the second run: 304s, no records added', async () => {
    const before = server.log.length;
    const second = await run('db', 'update', ...sources, '--format', 'json');
    expect(second.code).toBe(0);
    const outcomes = JSON.parse(second.out) as { status: string; added: number; changed: number }[];
    expect(outcomes.every((o) => o.status === 'unchanged' && o.added === 0 && o.changed === 0)).toBe(true);
    const requests = server.log.slice(before);
    expect(requests.filter((r) => r.endsWith(' 200'))).toEqual([]);
    expect(requests.filter((r) => r.endsWith(' 304')).length).toBeGreaterThanOrEqual(feeds.length);
  });

  it('keeps the old database intact and in use when a feed fails halfway', async () => {
    const reader = openAdvisoryDb(join(cache, 'advisories.db'));
    const body = readFileSync(join(shared, 'osv-pypi/PyPI/all.zip'));
    server.routes.set('/osv/PyPI/all.zip', { kind: 'truncate', body, after: Math.floor(body.length / 2) });
    env.CROWSNEST_FEED_OSV_PYPI_FULLDAYS = '0';
    const failed = await run('db', 'update', '--source', 'osv-pypi', '--source', 'cisa-kev');
    expect(failed.code).toBe(69);
    expect(failed.err).toContain(`feed osv-pypi: download broke off`);
    expect(failed.err).toContain(`${server.url}/osv/PyPI/all.zip`);
    expect(failed.out).toMatch(/cisa-kev\s+unchanged/);
    expect(reader.byId('PYSEC-2021-335')?.id).toBe('PYSEC-2021-335');
    reader.close();
    const after = await run('db', 'search', 'PYSEC-2021-335', '--format', 'json');
    expect(JSON.parse(after.out).advisories[0].id).toBe('PYSEC-2021-335');
    const status = JSON.parse((await run('db', 'status', '--format', 'json')).out);
    expect(status.sources.find((s: { source: string }) => s.source === 'osv-pypi')).toMatchObject({
      records: 2661,
      lastError: expect.stringContaining('download broke off'),
    });
  });

  it('reports a corrupt archive clearly and keeps the data', async () => {
    server.routes.set('/osv/PyPI/all.zip', {
      kind: 'file',
      body: Buffer.from('PK\u0003\u0004 not a zip at all'),
    });
    const corrupt = await run('db', 'update', '--source', 'osv-pypi');
    expect(corrupt.code).toBe(65);
    expect(corrupt.err).toMatch(/feed osv-pypi: corrupt or truncated zip archive/);
    const db = openAdvisoryDb(join(cache, 'advisories.db'));
    expect(db.byPackage('PyPI', 'accesscontrol').map((a) => a.id)).toContain('PYSEC-2021-335');
    db.close();
  });

  it('shows status with a warning past the age limit, and searches by alias and package', async () => {
    const fresh = await run('db', 'status');
    expect(fresh.out).toMatch(/osv-go\s+4,291/);
    expect(fresh.err).toBe('');
    const old = await run('db', 'status', '--max-age', '0s');
    expect(old.err).toMatch(
      /^warning: the advisory data is .* old \(limit just now\); run 'crowsnest db update'/,
    );
    const byCve = await run('db', 'search', 'CVE-2021-44228');
    expect(byCve.out).toMatch(/known exploited \(CISA KEV\): CVE-2021-44228 added 2021-12-10/);
    expect(byCve.out).toMatch(/EPSS: CVE-2021-44228/);
    const byName = JSON.parse(
      (await run('db', 'search', 'gin', '--ecosystem', 'Go', '--format', 'json')).out,
    );
    expect(byName.kind).toBe('package');
    const pkg = await run('db', 'search', 'github.com/gin-gonic/gin');
    expect(pkg.out).toMatch(/^Go github.com\/gin-gonic\/gin: \d+ advisories/);
    expect(pkg.out).toContain('GO-2020-0001');
  });
});
