import { createHmac, randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import {
  type ContinuousEvaluation,
  installContinuousEvaluation,
} from '../../src/service/evaluation/index.js';
import { secretBox } from '../../src/service/secrets.js';
import type { ImageRecord } from '../../src/store/types.js';
import { makeZip } from '../advisories/zip.js';
import { makeRepository, pkg, pushImage, sbomOf } from './evaluation-support.js';
import { type JsonBody, makeTeam, startTestApp, type Team, type TestApp } from './support/app-harness.js';

/** An OSV record as the upstream exports publish it (one file per record in `<Ecosystem>/all.zip`). */
function osvRecord(id: string, ecosystem: string, name: string, fixed: string, vector: string): string {
  return JSON.stringify({
    schema_version: '1.6.0',
    id,
    modified: '2026-03-01T00:00:00Z',
    published: '2026-03-01T00:00:00Z',
    aliases: [],
    summary: `test advisory ${id}`,
    severity: [{ type: 'CVSS_V3', score: vector }],
    affected: [
      {
        package: { ecosystem, name },
        ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }],
      },
    ],
  });
}

const HIGH = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N';
const CRITICAL = 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H';

/** Writes `<root>/<Ecosystem>/all.zip` for each ecosystem, as `crowsnest db import` reads them. */
function writeFeeds(root: string, byEcosystem: Record<string, Record<string, string>>): void {
  for (const [ecosystem, records] of Object.entries(byEcosystem)) {
    mkdirSync(join(root, ecosystem), { recursive: true });
    writeFileSync(join(root, ecosystem, 'all.zip'), zipOf(records));
  }
}
const zipOf = (records: Record<string, string>) =>
  makeZip(Object.fromEntries(Object.entries(records).map(([id, json]) => [`${id}.json`, json])));

const until = async (what: string, check: () => Promise<boolean> | boolean, ms = 20_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

describe('end to end: db import → only the affected image re-matched → one notification → a signed webhook', () => {
  let t: TestApp;
  let team: Team;
  let evaluation: ContinuousEvaluation;
  let dbPath: string;
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const hook = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.end();
    });
  });
  const images: Record<string, ImageRecord> = {};
  const npm1 = {
    'GHSA-lod1-0000-0001': osvRecord('GHSA-lod1-0000-0001', 'npm', 'lodash', '4.17.21', HIGH),
  };

  const dbImport = async (folder: string) => {
    const io = captureIo({ ...process.env, CROWSNEST_CACHE_DIR: join(t.dir, 'cache') });
    const code = await main(['db', 'import', folder, '--db', dbPath], io);
    expect(code, io.err.join('')).toBe(0);
  };

  beforeAll(async () => {
    t = await startTestApp();
    dbPath = join(t.dir, 'advisories.db');
    team = await makeTeam(t, 'acme');
    await new Promise<void>((resolve) => hook.listen(0, '127.0.0.1', resolve));
    evaluation = installContinuousEvaluation({
      services: t.services,
      worker: t.worker,
      secrets: secretBox(randomBytes(32)),
      advisoryDbPath: dbPath,
      settings: { checkMs: 100, updateMs: null },
    });
    writeFeeds(join(t.dir, 'feeds-1'), {
      npm: npm1,
      PyPI: { 'PYSEC-2026-1': osvRecord('PYSEC-2026-1', 'PyPI', 'django', '4.2.11', HIGH) },
      Go: { 'GO-2026-0001': osvRecord('GO-2026-0001', 'Go', 'github.com/gin-gonic/gin', '1.9.1', HIGH) },
    });
    await dbImport(join(t.dir, 'feeds-1'));
    const store = t.services.store;
    const web = await makeRepository(store, team.orgId, 'team/web');
    const api = await makeRepository(store, team.orgId, 'team/api');
    const svc = await makeRepository(store, team.orgId, 'team/svc');
    const push = (repository: typeof web, packages: ReturnType<typeof pkg>[], tag: string) =>
      pushImage(store, dbPath, { repository, sbom: sbomOf(packages), tag });
    images.web = await push(
      web,
      [pkg('npm', 'lodash', '4.17.20'), pkg('npm', 'express', '4.17.0')],
      'latest',
    );
    images.api = await push(api, [pkg('pypi', 'Django', '4.2.0'), pkg('pypi', 'requests', '2.31.0')], '1.0');
    images.svc = await push(svc, [pkg('golang', 'github.com/gin-gonic/gin', 'v1.7.0')], 'main');
    t.worker.start();
    evaluation.driver.start();
  });
  afterAll(async () => {
    await evaluation?.driver.stop();
    await new Promise((resolve) => hook.close(resolve));
    await t?.close();
  });

  it('runs the whole path', async () => {
    const store = t.services.store;
    // the driver has taken the first import as its starting point: nothing is queued for it
    await until('the cursor', async () => Boolean(await store.settings.get('evaluation.cursor')));
    const { port } = hook.address() as AddressInfo;
    const created = await t.call('POST', '/api/orgs/acme/integrations', {
      token: team.tokens.editor,
      body: { name: 'chat', url: `http://127.0.0.1:${port}/hooks/crowsnest` },
    });
    expect(created.status).toBe(201);
    const secret = created.body.secret as string;
    const history = async (image?: ImageRecord) =>
      (await store.images.history(team.orgId, image?.id as string)).length;
    expect([await history(images.web), await history(images.api), await history(images.svc)]).toEqual([
      1, 1, 1,
    ]);

    // the second import: npm gains a critical record for express, which only team/web's image has
    writeFeeds(join(t.dir, 'feeds-2'), {
      npm: {
        ...npm1,
        'GHSA-exp1-0000-0001': osvRecord('GHSA-exp1-0000-0001', 'npm', 'express', '4.19.2', CRITICAL),
      },
    });
    await dbImport(join(t.dir, 'feeds-2'));
    await until('the webhook delivery', () => received.length > 0);
    await until('the jobs to settle', async () => {
      const counts = await store.jobs.counts();
      return counts.queued === 0 && counts.running === 0;
    });

    const outcome = t.logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'advisory update re-evaluated');
    expect(outcome).toMatchObject({ selected: 1, rematched: 1, changed: 1, notices: 1, skipped: 0 });
    expect([await history(images.web), await history(images.api), await history(images.svc)]).toEqual([
      2, 1, 1,
    ]);
    const findings = await store.images.findings(team.orgId, images.web?.id as string);
    expect(findings.items.map((f) => [f.vulnerabilityId, f.severity])).toEqual([
      ['GHSA-exp1-0000-0001', 'critical'],
      ['GHSA-lod1-0000-0001', 'high'],
    ]);

    // one notification for the image, in each member's feed
    for (const role of ['owner', 'editor', 'member'] as const) {
      const feed = (await t.call('GET', '/api/orgs/acme/notifications', { token: team.tokens[role] }))
        .body as JsonBody;
      expect(feed).toMatchObject({ total: 1, unread: 1 });
      expect(feed.items[0]).toMatchObject({ severity: 'critical', imageId: images.web?.id });
    }

    // exactly one delivery, signed: the HMAC computed here, independently, over "<t>.<body>"
    expect(received).toHaveLength(1);
    const [delivery] = received as [(typeof received)[number]];
    const [, ts, v1] =
      /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(delivery.headers['x-crowsnest-signature'])) ?? [];
    expect(v1).toBe(createHmac('sha256', secret).update(`${ts}.${delivery.body}`).digest('hex'));
    expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(120);
    const message = JSON.parse(delivery.body) as { text: string; blocks: unknown[] };
    expect(message.text).toBe(
      'crowsnest: GHSA-exp1-0000-0001 (critical) now affects team/web:latest (express 4.17.0)',
    );
    expect(message.blocks.length).toBeGreaterThan(0);

    // a third import of the same files changes nothing: no job, no notification, no delivery
    await dbImport(join(t.dir, 'feeds-2'));
    await evaluation.driver.check();
    await until('the jobs to settle', async () => (await store.jobs.counts()).queued === 0);
    expect((await store.jobs.list({ kind: 'advisory-update' })).total).toBe(1);
    expect(received).toHaveLength(1);
  });
});
