import { createHmac } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverConfig } from '../../src/server/config.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { jsonLogger } from '../../src/service/log.js';
import { advisoriesDir, cli, expectedFindings } from '../cli/scan-support.js';
import { run } from '../fixtures/build/run.js';
import { ensureFixtures, type Fixtures } from '../fixtures/images.js';
import { postgresBinDir, type RunningPostgres, startPostgres } from '../harness/postgres.js';
import { type RunningRegistry, startRegistry } from '../harness/registry.js';
import type { JsonBody } from './support/app-harness.js';

type Api = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: JsonBody }>;

function apiFor(base: string, token?: string): Api {
  return async (method, path, body) => {
    const headers: Record<string, string> = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${base}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const push = (fixtures: Fixtures, ref: string, to: string, all = false) =>
  run('skopeo', [
    'copy',
    '--quiet',
    '--dest-tls-verify=false',
    ...(all ? ['--all'] : []),
    `oci:${fixtures.layout}:${ref}`,
    `docker://${to}`,
  ]);

const pgMissing = !postgresBinDir();
if (pgMissing)
  console.warn(
    'PostgreSQL server binaries missing (Debian package postgresql): end-to-end over PostgreSQL skipped',
  );
const stores = [{ store: 'SQLite' }, ...(pgMissing ? [] : [{ store: 'PostgreSQL' }])];

describe.each(stores)(
  'end to end over $store: registry push → webhook → analysis → findings through the API',
  ({ store }) => {
    let postgres: RunningPostgres | undefined;
    let dir: string;
    let fixtures: Fixtures;
    let server: RunningServer;
    let registry: RunningRegistry;
    let api: Api;
    let registryId: string;
    let db: string;
    let env: NodeJS.ProcessEnv;
    const logs: string[] = [];
    const received: { headers: IncomingHttpHeaders; body: string }[] = [];
    const receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.end();
      });
    });

    beforeAll(async () => {
      fixtures = await ensureFixtures();
      dir = mkdtempSync(join(tmpdir(), 'crowsnest-e2e-'));
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      env = {
        ...process.env,
        CROWSNEST_CACHE_DIR: join(dir, 'cache'),
        CROWSNEST_BOOTSTRAP_OWNER: 'owner@e2e.test:owner-password',
        // the server watches the advisory database's update log every second; no scheduled download
        CROWSNEST_ADVISORY_CHECK_SECONDS: '1',
        CROWSNEST_ADVISORY_UPDATE_HOURS: '0',
      };
      db = join(dir, 'advisories.db');
      const imported = await cli(['db', 'import', advisoriesDir, '--db', db], env);
      if (imported.code !== 0) throw new Error(`db import failed: ${imported.stderr}`);
      if (store === 'PostgreSQL') {
        postgres = await startPostgres();
        env.CROWSNEST_DATABASE_URL = await postgres.createDatabase('e2e');
      }
      const config = serverConfig(
        { port: 0, dataDir: join(dir, 'data'), db },
        { ...env, CROWSNEST_JOB_POLL_MS: '100' },
      );
      expect(Boolean(config.databaseUrl)).toBe(store === 'PostgreSQL');
      server = await startServer(config, { env, log: jsonLogger({ write: (line) => void logs.push(line) }) });
      const session = await fetch(`${server.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'owner@e2e.test', password: 'owner-password' }),
      });
      const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] as string;
      const token = await fetch(`${server.url}/api/orgs/default/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ name: 'e2e' }),
      });
      api = apiFor(server.url, ((await token.json()) as { secret: string }).secret);
      const created = await api('POST', '/api/orgs/default/registries', {
        name: 'local',
        url: 'http://127.0.0.1:1',
      });
      registryId = created.body.registry.id;
      // the harness sets no headers: the secret rides as the Basic password in the URL's user info
      const hook = new URL(created.body.webhookUrl);
      hook.username = 'registry';
      hook.password = created.body.webhookSecret;
      registry = await startRegistry({ notificationsUrl: hook.toString() });
      expect(
        (await api('PATCH', `/api/orgs/default/registries/${registryId}`, { url: registry.url })).status,
      ).toBe(200);
    });

    afterAll(async () => {
      await server?.stop();
      await registry?.stop();
      await postgres?.stop();
      await new Promise((resolve) => receiver.close(resolve));
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    const repository = (name: string) =>
      until(`repository ${name}`, async () => {
        const list = await api('GET', `/api/orgs/default/repositories?search=${encodeURIComponent(name)}`);
        return list.body.items.find((r: { name: string }) => r.name === name);
      });

    const settled = (count: number) =>
      until(`${count} finished analyses`, async () => {
        const jobs = (await api('GET', '/api/orgs/default/jobs?limit=100')).body.items as {
          state: string;
          lastError?: string;
        }[];
        const failed = jobs.find((j) => j.state === 'failed');
        if (failed) throw new Error(`analysis failed: ${failed.lastError}\n${logs.join('')}`);
        const done = jobs.filter((j) => j.state === 'done').length;
        return done >= count && jobs.every((j) => j.state === 'done') ? jobs : undefined;
      });

    it('records a push to a repository that is not analysed, then analyses its tag when enabled', async () => {
      await push(fixtures, 'app', `${registry.host}/demo/app:1.0`);
      const repo = await repository('demo/app');
      expect(repo).toMatchObject({
        mode: 'none',
        lastPushedTag: '1.0',
        lastPushedDigest: fixtures.expected.images.app.manifestDigest,
      });
      expect((await api('GET', '/api/orgs/default/jobs')).body.total).toBe(0);
      const enabled = await api('PUT', `/api/orgs/default/repositories/${repo.id}/settings`, {
        mode: 'continuous',
      });
      expect(enabled.status).toBe(200);
      expect(enabled.body.enqueued).toBe(1);
      await settled(1);
      const images = await api('GET', `/api/orgs/default/images?repositoryId=${repo.id}&tag=1.0`);
      expect(images.body.items).toHaveLength(1);
      const image = images.body.items[0];
      expect(image).toMatchObject({
        digest: fixtures.expected.images.app.manifestDigest,
        tags: ['1.0'],
        platform: 'linux/amd64',
        mode: 'continuous',
      });
      const findings = await api('GET', `/api/orgs/default/images/${image.id}/findings?limit=500`);
      expect(findings.status).toBe(200);
      const got = findings.body.items.map(
        (f: { vulnerabilityId: string; packageName: string; packageVersion: string }) =>
          `${f.vulnerabilityId} ${f.packageName} ${f.packageVersion}`,
      );
      const want = expectedFindings(fixtures).map((e) => `${e.id} ${e.name} ${e.version}`);
      expect(want.length).toBeGreaterThan(0);
      expect([...new Set(got)].sort()).toEqual([...new Set(want)].sort());
      const total = Object.values(image.summary.counts as Record<string, number>).reduce((a, b) => a + b, 0);
      expect(total).toBe(findings.body.total);
      const history = await api('GET', `/api/orgs/default/images/${image.id}/history`);
      expect(history.body.items).toMatchObject([{ reason: 'analysis', counts: image.summary.counts }]);
    });

    it('analyses a push to an enabled repository on its own: an index becomes one image per platform', async () => {
      await push(fixtures, 'multi', `${registry.host}/demo/app:2.0`, true);
      const jobs = await settled(3);
      // 1.0, the 2.0 index and its arm64 manifest: the amd64 one is 1.0's digest, analysed already
      expect(jobs).toHaveLength(3);
      const repo = await repository('demo/app');
      expect(repo.lastPushedTag).toBe('2.0');
      expect(repo.lastPushedDigest).toBe(fixtures.expected.multi.digest);
      const tagged = await api('GET', `/api/orgs/default/images?repositoryId=${repo.id}&tag=2.0`);
      const platforms = tagged.body.items.map((i: { platform: string }) => i.platform).sort();
      expect(platforms).toEqual(['linux/amd64', 'linux/arm64/v8']);
      const arm64 = tagged.body.items.find((i: { platform: string }) => i.platform === 'linux/arm64/v8');
      expect(arm64).toMatchObject({
        digest: fixtures.expected.images.appArm64.manifestDigest,
        indexDigest: fixtures.expected.multi.digest,
        tags: ['2.0'],
      });
      // the amd64 image of the index is the very manifest tagged 1.0: analysed once, carrying both tags
      const amd64 = tagged.body.items.find((i: { platform: string }) => i.platform === 'linux/amd64');
      expect(amd64.tags).toEqual(['1.0', '2.0']);
      const sbom = await api('GET', `/api/orgs/default/images/${amd64.id}/sbom`);
      expect(sbom.body.packages.length).toBe(amd64.summary.packages);
    });

    it('an advisory update re-matches only the images it names and notifies for the last-pushed tag, signed', async () => {
      // demo/legacy: the amd64 app image as 0.9, then the arm64 one (no npm packages) as 1.0, its last push
      await push(fixtures, 'app', `${registry.host}/demo/legacy:0.9`);
      await push(fixtures, 'app-arm64', `${registry.host}/demo/legacy:1.0`);
      const legacy = await until('demo/legacy at 1.0', async () => {
        const repo = await repository('demo/legacy');
        return repo.lastPushedTag === '1.0' ? repo : undefined;
      });
      const enabled = await api('PUT', `/api/orgs/default/repositories/${legacy.id}/settings`, {
        mode: 'continuous',
      });
      expect(enabled.status).toBe(200);
      const before = (await settled(1)).length;
      const all = (await api('GET', '/api/orgs/default/images?limit=100')).body.items as {
        id: string;
        repositoryId: string;
        platform: string;
        tags: string[];
      }[];
      const repos = (await api('GET', '/api/orgs/default/repositories?limit=100')).body.items as {
        id: string;
        name: string;
      }[];
      const repoName = (id: string) => repos.find((r) => r.id === id)?.name;
      const histories = async () =>
        Object.fromEntries(
          await Promise.all(
            all.map(async (i) => [
              `${repoName(i.repositoryId)}:${i.tags.join(',')} ${i.platform}`,
              (await api('GET', `/api/orgs/default/images/${i.id}/history`)).body.items.length,
            ]),
          ),
        ) as Record<string, number>;
      const start = await histories();
      const { port } = receiver.address() as AddressInfo;
      const integration = await api('POST', '/api/orgs/default/integrations', {
        name: 'chat',
        url: `http://127.0.0.1:${port}/hooks/crowsnest`,
      });
      expect(integration.status).toBe(201);

      // a second import: the same feeds plus one record (written for this test, not a real advisory) for
      // vary 1.1.2, which only the amd64 app image holds
      const feeds = join(dir, 'feeds-2');
      cpSync(advisoriesDir, feeds, { recursive: true });
      const id = 'GHSA-2222-3333-4444';
      mkdirSync(join(feeds, 'advisories/github-reviewed/2026/11', id), { recursive: true });
      writeFileSync(
        join(feeds, 'advisories/github-reviewed/2026/11', id, `${id}.json`),
        JSON.stringify({
          schema_version: '1.4.0',
          id,
          modified: '2026-11-01T00:00:00Z',
          published: '2026-11-01T00:00:00Z',
          aliases: [],
          summary: 'test record for the end-to-end test',
          severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
          affected: [
            {
              package: { ecosystem: 'npm', name: 'vary' },
              ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '1.1.3' }] }],
            },
          ],
          database_specific: { github_reviewed: true },
        }),
      );
      const imported = await cli(['db', 'import', feeds, '--db', db], env);
      expect(imported.code, imported.stderr).toBe(0);
      await until('the signed delivery', async () => (received.length > 0 ? true : undefined), 30_000).catch(
        (error: Error) => {
          throw new Error(`${error.message}\n${logs.slice(-15).join('')}`);
        },
      );
      await settled(before + 1);

      // re-matched and changed: the amd64 app image in both repositories; the arm64 images untouched
      const after = await histories();
      const grew = Object.keys(after)
        .filter((k) => after[k] !== start[k])
        .sort();
      expect(grew).toEqual(['demo/app:1.0,2.0 linux/amd64', 'demo/legacy:0.9 linux/amd64']);
      const outcome = logs.map((l) => JSON.parse(l)).find((l) => l.msg === 'advisory update re-evaluated');
      expect(outcome).toMatchObject({ changed: 2, notices: 1 });
      expect(outcome.selected).toBeLessThan(all.length);

      // one notification: demo/app's last push (2.0) holds the image; demo/legacy's last push (1.0) does not
      const feed = (await api('GET', '/api/orgs/default/notifications')).body;
      expect(feed.total).toBe(1);
      expect(feed.items[0]).toMatchObject({ severity: 'critical' });
      expect(received).toHaveLength(1);
      const [delivery] = received as [(typeof received)[number]];
      const [, ts, v1] =
        /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(delivery.headers['x-crowsnest-signature'])) ?? [];
      const secret = integration.body.secret as string;
      expect(v1).toBe(createHmac('sha256', secret).update(`${ts}.${delivery.body}`).digest('hex'));
      expect(JSON.parse(delivery.body).text).toBe(
        `crowsnest: ${id} (critical) now affects demo/app:2.0 (vary 1.1.2)`,
      );
    }, 120_000);
  },
);
