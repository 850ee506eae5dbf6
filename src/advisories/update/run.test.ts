import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../../../test/advisories/server.js';
import { makeZip } from '../../../test/advisories/zip.js';
import { fixtures } from '../feeds/__fixtures__/shared.js';
import { feedRegistry } from '../feeds/registry.js';
import type { FeedSettings } from '../feeds/settings.js';
import { openAdvisoryDb } from '../store/index.js';
import { runUpdate } from './run.js';

const osvGo = feedRegistry.get('osv-go')!;
const record = (id: string, modified: string) =>
  Buffer.from(
    JSON.stringify({
      id,
      modified,
      aliases: [],
      affected: [
        {
          package: { ecosystem: 'Go', name: 'example.com/mod' },
          ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }] }],
        },
      ],
    }),
  );

describe('runUpdate with an OSV feed on a loopback server', () => {
  let server: FeedServer;
  let dir: string;
  let dbPath: string;
  let settings: FeedSettings;
  beforeAll(async () => {
    server = await startFeedServer();
    dir = mkdtempSync(join(tmpdir(), 'crowsnest-update-'));
    dbPath = join(dir, 'advisories.db');
    settings = { urls: { 'osv-go': server.url }, options: {} };
    server.routes.set('/Go/all.zip', { kind: 'file', body: zipOf(fixtures) });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports on the first run and skips an unchanged upstream on the second', async () => {
    const [first] = await runUpdate({ dbPath, feeds: [osvGo], settings });
    expect(first).toMatchObject({ source: 'osv-go', status: 'updated', added: 2, records: 2 });
    const [second] = await runUpdate({ dbPath, feeds: [osvGo], settings });
    expect(second).toMatchObject({ status: 'unchanged', added: 0, records: 2 });
    // no modified_id.csv upstream: the runner fell back to a conditional GET of all.zip
    expect(server.log.slice(-2)).toEqual(['GET /Go/modified_id.csv 404', 'GET /Go/all.zip 304']);
  });

  it('fetches only records listed as newer in modified_id.csv', async () => {
    server.routes.set('/Go/modified_id.csv', {
      kind: 'file',
      body: Buffer.from('2099-01-01T00:00:00Z,GO-2099-0001\n2024-05-20T16:03:47Z,GO-2022-1059\n'),
    });
    server.routes.set('/Go/GO-2099-0001.json', {
      kind: 'file',
      body: record('GO-2099-0001', '2099-01-01T00:00:00Z'),
    });
    const [run] = await runUpdate({ dbPath, feeds: [osvGo], settings });
    expect(run).toMatchObject({ status: 'updated', added: 1, removed: 0, records: 3 });
    expect(server.log.at(-1)).toBe('GET /Go/GO-2099-0001.json 200');
    const [again] = await runUpdate({ dbPath, feeds: [osvGo], settings });
    expect(again?.status).toBe('unchanged');
  });

  it('keeps the old data when a download breaks off, naming the feed and URL', async () => {
    const before = statSync(dbPath).size;
    const forceFull: FeedSettings = { ...settings, options: { 'osv-go': { fulldays: '0' } } };
    server.routes.set('/Go/all.zip', { kind: 'truncate', body: zipOf(fixtures), after: 100 });
    const [run] = await runUpdate({ dbPath, feeds: [osvGo], settings: forceFull });
    expect(run?.status).toBe('failed');
    expect(run?.error?.oneLine()).toMatch(
      new RegExp(`feed osv-go: download broke off.*\\(${server.url}/Go/all.zip\\)`),
    );
    const db = openAdvisoryDb(dbPath);
    expect(db.byPackage('Go', 'example.com/mod').map((a) => a.id)).toEqual(['GO-2099-0001']);
    expect(db.status().sources[0]).toMatchObject({
      records: 3,
      lastError: expect.stringMatching(/broke off/),
    });
    db.close();
    expect(Math.abs(statSync(dbPath).size - before)).toBeLessThan(8192);
  });

  it('reports a corrupt archive clearly and keeps the database', async () => {
    const forceFull: FeedSettings = { ...settings, options: { 'osv-go': { fulldays: '0' } } };
    server.routes.set('/Go/all.zip', {
      kind: 'file',
      body: Buffer.from('PK\u0003\u0004 this is not really a zip'),
    });
    const [run] = await runUpdate({ dbPath, feeds: [osvGo], settings: forceFull });
    expect(run?.error?.code).toBe('E_ARCHIVE_INVALID');
    expect(run?.error?.oneLine()).toMatch(/feed osv-go: corrupt or truncated zip archive/);
    const db = openAdvisoryDb(dbPath);
    expect(db.status().advisories).toBe(3);
    expect(db.listUpdateOperations(1)[0]).toMatchObject({
      status: 'failed',
      origin: `${server.url}/Go/all.zip`,
    });
    db.close();
  });
});

/** A zip of the OSV fixtures as OSV publishes all.zip: flat `<ID>.json` entries. */
function zipOf(fixtureDir: string): Buffer {
  const names = ['GO-2022-1059.json', 'UBUNTU-CVE-2014-0160.json'];
  return makeZip(Object.fromEntries(names.map((n) => [n, readFileSync(join(fixtureDir, 'osv', n))])));
}
