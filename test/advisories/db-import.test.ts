import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectFeeds, feedOf } from '../../src/advisories/import/detect.js';
import { openAdvisoryDb } from '../../src/advisories/store/index.js';
import { captureIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { makeZip } from './zip.js';

const fixtures = join(import.meta.dirname, '../../src/advisories/feeds/__fixtures__');
const shared = process.env.CROWSNEST_SHARED_DIR
  ? join(process.env.CROWSNEST_SHARED_DIR, 'advisories')
  : join(import.meta.dirname, '../../../shared/advisories');

/** A feed folder in upstream layouts, built from the fixtures. */
function buildFolder(root: string): void {
  const put = (rel: string, data: Buffer | string) => {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), data);
  };
  const osv = (n: string) => readFileSync(join(fixtures, 'osv', n));
  put('osv/Go/all.zip', makeZip({ 'GO-2022-1059.json': osv('GO-2022-1059.json') }));
  put('debian/DSA.list', readFileSync(join(fixtures, 'debian/DSA.list')));
  put('alpine/v3.18/main.json', readFileSync(join(fixtures, 'alpine/v3.18/main.json')));
  put(
    'kev/known_exploited_vulnerabilities.json',
    readFileSync(join(fixtures, 'kev/known_exploited_vulnerabilities.json')),
  );
  put(
    'epss/epss_scores-2025-02-20.csv.gz',
    gzipSync(readFileSync(join(fixtures, 'epss/epss_scores-2025-02-20.csv'))),
  );
  put('notes/README.md', 'not a feed');
}

async function tarGz(entries: Record<string, Buffer | string>): Promise<Buffer> {
  const pack = tar.pack();
  for (const [name, data] of Object.entries(entries)) pack.entry({ name }, data);
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of Readable.from(pack)) chunks.push(chunk as Buffer);
  return gzipSync(Buffer.concat(chunks));
}

describe('crowsnest db import', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  const run = async (...argv: string[]) => {
    const io = captureIo(env);
    const code = await main(argv, io);
    return { code, out: io.out.join(''), err: io.err.join('') };
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'crowsnest-import-'));
    env = { CROWSNEST_CACHE_DIR: join(dir, 'cache'), HOME: dir };
    buildFolder(join(dir, 'feeds'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports a folder of feeds, then finds it unchanged', async () => {
    const first = await run('db', 'import', join(dir, 'feeds'), '--format', 'json');
    expect(first.code).toBe(0);
    const outcomes = JSON.parse(first.out) as { source: string; status: string; records: number }[];
    expect(outcomes.map((o) => `${o.source} ${o.status} ${o.records}`)).toEqual([
      'osv-go updated 1',
      'debian-dsa updated 5',
      'alpine-secdb updated 6',
      'cisa-kev updated 2',
      'epss updated 3',
    ]);
    expect(first.err).toMatch(/1 files not recognised/);
    const again = JSON.parse((await run('db', 'import', join(dir, 'feeds'), '--format', 'json')).out);
    expect(again.every((o: { status: string }) => o.status === 'unchanged')).toBe(true);
  });

  it('imports a tar.gz of such a folder, one feed at a time if asked', async () => {
    const archive = join(dir, 'feeds.tar.gz');
    writeFileSync(
      archive,
      await tarGz({ 'mirror/osv/Go/all.zip': readFileSync(join(dir, 'feeds/osv/Go/all.zip')) }),
    );
    env.CROWSNEST_CACHE_DIR = join(dir, 'cache2');
    const result = await run('db', 'import', archive, '--source', 'osv-go');
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/osv-go\s+updated\s+1 records/);
    const db = openAdvisoryDb(join(dir, 'cache2', 'advisories.db'));
    expect(db.byAlias('CVE-2022-32149').map((a) => a.id)).toEqual(['GO-2022-1059']);
    db.close();
  });

  it('refuses archives that escape their folder, and inputs with no feeds', async () => {
    const evil = join(dir, 'evil.tar.gz');
    writeFileSync(evil, await tarGz({ '../escape/Go/all.zip': 'x' }));
    const refused = await run('db', 'import', evil);
    expect(refused.code).toBe(65);
    expect(refused.err).toMatch(/points outside the archive/);
    expect(existsSync(join(tmpdir(), 'escape'))).toBe(false);
    const empty = await run('db', 'import', join(dir, 'feeds', 'notes'));
    expect(empty.code).toBe(66);
    expect(empty.err).toMatch(/no feed files recognised/);
  });

  it('recognises upstream layouts by path', () => {
    expect(feedOf('mirror/PyPI/all.zip')).toBe('osv-pypi');
    expect(feedOf('x/osv-records-from-test-fixtures/all.zip')).toBeUndefined();
    expect(feedOf('security-tracker/data/DLA/list')).toBe('debian-dla');
    expect(feedOf('ruby-advisory-db-master/gems/rack/CVE-2022-44570.yml')).toBe('rubysec');
    expect(feedOf('feeds/epss_scores-current.csv.gz')).toBe('epss');
  });

  it.skipIf(!existsSync(shared))('assigns every feed in ../shared/advisories to its reader', () => {
    const detection = detectFeeds(shared);
    const files = Object.fromEntries(
      [...detection.feeds].map(([id, paths]) => [id, paths.map((p) => p.slice(shared.length + 1))]),
    );
    expect(files).toEqual({
      'alpine-secdb': ['alpine-secdb/alpine-secdb-yaml.zip'],
      'cisa-kev': ['cisa-kev/known_exploited_vulnerabilities.json'],
      'debian-dla': ['debian-security-tracker/DLA.list'],
      'debian-dsa': ['debian-security-tracker/DSA.list'],
      epss: ['epss/epss-by-year.tar.xz'],
      friendsofphp: ['friendsofphp/security-advisories.zip'],
      'nodejs-security-wg': ['nodejs-security-wg/vuln.zip'],
      'osv-almalinux': ['osv-almalinux/AlmaLinux/all.zip'],
      'osv-crates-io': ['osv-crates-io/crates.io/all.zip'],
      'osv-go': ['osv-go/Go/all.zip'],
      'osv-pypi': ['osv-pypi/PyPI/all.zip'],
      rubysec: ['rubysec/ruby-advisory-db.zip'],
      'ubuntu-uct': ['ubuntu-cve-tracker/uct-2020-06.tar.xz'],
    });
  });
});
