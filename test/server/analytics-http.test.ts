import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isoWeekLabel } from '../../src/analytics/periods.js';
import { defaultSettings } from '../../src/analytics/settings.js';
import { accessRules } from '../../src/server/access.js';
import { createApp } from '../../src/server/app.js';
import { serverConfig } from '../../src/server/config.js';
import type { AppEnv } from '../../src/server/context.js';
import { type AnalyticsMount, analyticsMount } from '../../src/server/routes/analytics-mount.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { silentLogger } from '../../src/service/log.js';
import type { Role } from '../../src/store/types.js';
import { type RunningRegistry, startRegistry } from '../harness/registry.js';
import { pushLayout, writeTinyLayout } from '../harness/tiny-image.js';
import { type JsonBody, makeTeam, startTestApp, type Team, type TestApp } from './support/app-harness.js';

const NOW = Date.UTC(2026, 10, 1, 12); // 2026-W40 and 2026-10 are over
const DOCKER =
  'docker/27.3.1 go/go1.22.7 git-commit/41ca978 kernel/6.8.0 os/linux arch/amd64 UpstreamClient(Docker-Client/27.3.1 \\(linux\\))';
const digest = `sha256:${'e'.repeat(64)}`;

/** A Distribution pull event: a GET of a manifest by tag, as the registry posts it. */
function pull(repository: string, at: string, addr: string, useragent = DOCKER) {
  return {
    id: randomUUID(),
    timestamp: at,
    action: 'pull',
    target: {
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      digest,
      size: 512,
      repository,
      url: `http://127.0.0.1:5000/v2/${repository}/manifests/${digest}`,
      tag: '1.0',
    },
    request: { id: randomUUID(), addr: `${addr}:51234`, host: '127.0.0.1:5000', method: 'GET', useragent },
    actor: {},
    source: { addr: 'registry:5000', instanceID: 'test' },
  };
}

describe('pull analytics over HTTP: the server’s auth, the org’s namespaces, the registry webhook feeding it', () => {
  let t: TestApp;
  let app: OpenAPIHono<AppEnv>;
  let mount: AnalyticsMount;
  let acme: Team;
  let other: Team;
  let acmeHook: { id: string; secret: string };
  let otherHook: { id: string; secret: string };

  const call = async (
    method: string,
    path: string,
    init: { token?: string; cookie?: string; body?: unknown } = {},
  ) => {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.cookie) headers.cookie = init.cookie;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await app.request(path, {
      method,
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    let body: JsonBody = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: res.status, body, text, headers: res.headers };
  };
  const summary = (org: string, publisher: string, token: string) =>
    call(
      'GET',
      `/api/orgs/${org}/analytics/reports/summary.csv?granularity=weekly&period=2026-W40&publisher=${publisher}`,
      { token },
    );

  beforeAll(async () => {
    t = await startTestApp();
    mount = analyticsMount({
      dbPath: ':memory:',
      settings: defaultSettings(),
      signingSecret: 'test-signing-secret',
      store: t.services.store,
      log: silentLogger,
      now: () => NOW,
      tickMs: 0,
    });
    // the webhook receiver calls the services' hook: wire it as serve does
    t.services.hooks.onPullEvents = mount.onPullEvents;
    app = createApp({ services: t.services, analytics: mount });
    acme = await makeTeam(t, 'acme');
    other = await makeTeam(t, 'other');
    for (const [team, set] of [
      [acme, (h: typeof acmeHook) => (acmeHook = h)],
      [other, (h: typeof acmeHook) => (otherHook = h)],
    ] as const) {
      const created = await call('POST', `/api/orgs/${team.orgSlug}/registries`, {
        token: team.tokens.editor,
        body: { name: 'local', url: 'http://127.0.0.1:5000' },
      });
      set({ id: created.body.registry.id, secret: created.body.webhookSecret });
    }
    const deliver = (hook: typeof acmeHook, events: unknown[]) =>
      call('POST', `/api/registries/${hook.id}/events`, { token: hook.secret, body: { events } });
    const acmeDelivery = await deliver(acmeHook, [
      pull('team/api', '2026-09-29T10:00:00Z', '198.51.100.7'),
      pull('team/api', '2026-09-30T10:00:00Z', '198.51.100.8'),
      pull('tools/cli', '2026-10-01T10:00:00Z', '198.51.100.9'),
    ]);
    expect(acmeDelivery.body).toMatchObject({ events: 3, pulls: 3 });
    await deliver(otherHook, [pull('secret/app', '2026-09-29T11:00:00Z', '198.51.100.10')]);
    await mount.tick();
  });
  afterAll(async () => {
    await mount?.close();
    await t?.close();
  });

  it('stores pull events from the registry webhook and serves the summary CSV for the period', async () => {
    const res = await summary('acme', 'team', acme.tokens.member);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = res.text.trim().split('\n');
    expect(lines[0]).toBe(
      'DATE_GRANULARITY,DATE_REFERENCE,PUBLISHER_NAME,LEVEL,REFERENCE,DATA_DOWNLOADS,VERSION_CHECKS,EVENT_COUNT',
    );
    expect(lines.slice(1)).toEqual([
      'weekly,2026-09-28,team,repository,team/api,2,0,2',
      'weekly,2026-09-28,team,tag,team/api:1.0,2,0,2',
      `weekly,2026-09-28,team,digest,team/api@${digest},2,0,2`,
    ]);
    expect(res.text).not.toContain('tools/cli');
    expect(res.text).not.toContain('198.51.100');
  });

  it('learns pulled repositories into the org, so their namespaces become readable', async () => {
    const names = (await t.services.store.repositories.list(acme.orgId)).items.map((r) => r.name);
    expect(names).toEqual(['team/api', 'tools/cli']);
    const namespaces = await call('GET', '/api/orgs/acme/analytics/v1/namespaces', {
      token: acme.tokens.member,
    });
    expect(namespaces.status).toBe(200);
    expect(namespaces.body.map((n: JsonBody) => n.namespace)).toEqual(['team', 'tools']);
  });

  it('keeps each org to its own namespaces', async () => {
    expect((await summary('acme', 'secret', acme.tokens.owner)).status).toBe(404);
    const theirs = await summary('other', 'secret', other.tokens.member);
    expect(theirs.text).toContain('secret/app');
    expect(theirs.text).not.toContain('team/api');
    const pulls = await call(
      'GET',
      '/api/orgs/other/analytics/v1/repos/pulls?repos=team/api&timespan=weeks',
      {
        token: other.tokens.owner,
      },
    );
    expect(pulls.body).toEqual({ repos: { 'team/api': { pulls: null } } });
    expect((await summary('acme', 'team', other.tokens.owner)).status).toBe(404);
  });

  it('serves chart data and the Data API to a dashboard session as to a token', async () => {
    const signIn = await call('POST', '/api/session', {
      body: { email: 'member@acme.test', password: 'member-password' },
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const chart = await call(
      'GET',
      '/api/orgs/acme/analytics/chart?granularity=weekly&months=3&repos=team/api',
      { cookie },
    );
    expect(chart.status).toBe(200);
    expect(JSON.stringify(chart.body)).toContain('team/api');
    const pulls = await call('GET', '/api/orgs/acme/analytics/v1/namespaces/team/pulls?timespan=weeks', {
      cookie,
    });
    expect(pulls.body.pulls).toEqual([
      expect.objectContaining({
        start: '2026-09-28T00:00:00Z',
        repo: 'api',
        namespace: 'team',
        pullCount: 2,
      }),
    ]);
  });

  it('serves the same reads at /api/analytics for a token’s org, or a session user’s only org', async () => {
    const byToken = await call('GET', '/api/analytics/v1/namespaces', { token: acme.tokens.member });
    expect(byToken.body.map((n: JsonBody) => n.namespace)).toEqual(['team', 'tools']);
    const csv = await call(
      'GET',
      '/api/analytics/reports/summary.csv?granularity=weekly&period=2026-W40&publisher=secret',
      {
        token: other.tokens.member,
      },
    );
    expect(csv.text).toContain('secret/app');
    const signIn = async (email: string, password: string) => {
      const res = await call('POST', '/api/session', { body: { email, password } });
      return (res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    };
    const single = await call('GET', '/api/analytics/v1/namespaces', {
      cookie: await signIn('editor@other.test', 'editor-password'),
    });
    expect(single.body.map((n: JsonBody) => n.namespace)).toEqual(['secret']);
    await t.services.store.memberships.put(other.orgId, acme.userIds.member, 'member');
    const both = await call('GET', '/api/analytics/v1/namespaces', {
      cookie: await signIn('member@acme.test', 'member-password'),
    });
    expect([both.status, both.body.error?.hint]).toEqual([
      400,
      expect.stringContaining('/api/orgs/{org}/analytics'),
    ]);
    await t.services.store.memberships.remove(other.orgId, acme.userIds.member);
    expect((await call('GET', '/api/analytics/v1/namespaces')).status).toBe(401);
    const links = await call(
      'GET',
      '/api/analytics/v1/namespaces/team/pulls/exports/years/2026/weeks/40/summary',
      {
        token: acme.tokens.member,
      },
    );
    const url = new URL(links.body.data[0].url, 'http://crowsnest.test');
    expect(url.pathname).toBe('/api/analytics/reports/summary.csv');
    expect((await call('GET', `${url.pathname}${url.search}`)).text).toContain('team/api');
  });

  it('hands out signed export links that work without credentials, untampered, until they expire', async () => {
    const links = await call(
      'GET',
      '/api/orgs/acme/analytics/v1/namespaces/team/pulls/exports/years/2026/weeks/40/summary',
      {
        token: acme.tokens.member,
      },
    );
    expect(links.status).toBe(200);
    const url = new URL(links.body.data[0].url, 'http://crowsnest.test');
    expect(url.pathname).toBe('/api/orgs/acme/analytics/reports/summary.csv');
    const download = await call('GET', `${url.pathname}${url.search}`);
    expect(download.status).toBe(200);
    expect(download.text).toContain('team/api');
    const tampered = new URL(url);
    tampered.searchParams.set('publisher', 'secret');
    expect((await call('GET', `${tampered.pathname}${tampered.search}`)).status).toBe(401);
  });

  it('takes extension events from editors, and reports open periods as 409', async () => {
    const event = {
      id: 'e1',
      action: 'install',
      extension: 'team/ext',
      user: 'u1',
      timestamp: '2026-09-29T10:00:00Z',
    };
    expect(
      (
        await call('POST', '/api/orgs/acme/analytics/extension-events', {
          token: acme.tokens.member,
          body: [event],
        })
      ).status,
    ).toBe(403);
    const accepted = await call('POST', '/api/orgs/acme/analytics/extension-events', {
      token: acme.tokens.editor,
      body: [event],
    });
    expect([accepted.status, accepted.body.received]).toEqual([202, 1]);
    const open = await call(
      'GET',
      '/api/orgs/acme/analytics/reports/summary.csv?granularity=monthly&period=2026-11&publisher=team',
      {
        token: acme.tokens.member,
      },
    );
    expect(open.status).toBe(409);
  });

  it('answers every declared analytics route by its access rule (authorization matrix)', async () => {
    const rank: Record<Role, number> = { member: 0, editor: 1, owner: 2 };
    const routes = [...accessRules].filter(([key]) => key.includes('/analytics'));
    expect(routes.length).toBe(6);
    const doc = (await call('GET', '/api/openapi.json')).body;
    for (const [key] of routes) {
      const [method, path] = key.split(' ') as [string, string];
      expect(doc.paths[path]?.[method.toLowerCase()], key).toBeDefined();
    }
    for (const [key, rule] of routes) {
      const [method, template] = key.split(' ') as [string, string];
      const path = template.replace('{org}', 'acme');
      const body = method === 'POST' ? [] : undefined;
      for (const caller of ['anonymous', 'outsider', 'member', 'editor', 'owner'] as const) {
        const token =
          caller === 'anonymous'
            ? undefined
            : caller === 'outsider'
              ? other.tokens.owner
              : acme.tokens[caller];
        const res = await call(method, path, { ...(token ? { token } : {}), ...(body ? { body } : {}) });
        const want =
          caller === 'anonymous'
            ? 401
            : rule === 'signed-in'
              ? undefined
              : caller === 'outsider'
                ? 404
                : rank[caller] >= rank[rule as Role]
                  ? undefined
                  : 403;
        const label = `${key} as ${caller} → ${res.status} ${res.text.slice(0, 120)}`;
        if (want) expect(res.status, label).toBe(want);
        else expect([401, 403], label).not.toContain(res.status);
      }
    }
  });
});

describe('end to end: a real Distribution’s pull notifications reach the summary CSV', () => {
  let dir: string;
  let server: RunningServer;
  let registry: RunningRegistry;
  let token: string;
  // the analytics clock runs ten days ahead, so this week is over and reportable
  const ahead = 10 * 86_400_000;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crowsnest-analytics-e2e-'));
    const env = {
      ...process.env,
      CROWSNEST_CACHE_DIR: join(dir, 'cache'),
      CROWSNEST_BOOTSTRAP_OWNER: 'owner@e2e.test:owner-password',
    };
    const config = serverConfig({ port: 0, dataDir: join(dir, 'data'), db: join(dir, 'advisories.db') }, env);
    server = await startServer(config, { env, log: silentLogger, analyticsNow: () => Date.now() + ahead });
    const api = async (
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) => {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json', ...headers },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { res, body: (await res.json()) as JsonBody };
    };
    const session = await api('POST', '/api/session', {
      email: 'owner@e2e.test',
      password: 'owner-password',
    });
    const cookie = (session.res.headers.get('set-cookie') ?? '').split(';')[0] as string;
    token = (await api('POST', '/api/orgs/default/tokens', { name: 'e2e' }, { cookie })).body.secret;
    const auth = { authorization: `Bearer ${token}` };
    const created = await api(
      'POST',
      '/api/orgs/default/registries',
      { name: 'local', url: 'http://127.0.0.1:1' },
      auth,
    );
    const hook = new URL(created.body.webhookUrl);
    hook.username = 'registry';
    hook.password = created.body.webhookSecret;
    registry = await startRegistry({ notificationsUrl: hook.toString() });
    await api(
      'PATCH',
      `/api/orgs/default/registries/${created.body.registry.id}`,
      { url: registry.url },
      auth,
    );
    const layout = await writeTinyLayout(join(dir, 'layout'), 'v1', [{ os: 'linux', architecture: 'amd64' }]);
    await pushLayout(layout, `${registry.host}/acme/app:v1`);
  });
  afterAll(async () => {
    await server?.stop();
    await registry?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('counts a docker pull by tag in the summary and the raw pulls of its week', async () => {
    const manifest = await fetch(`${registry.url}/v2/acme/app/manifests/v1`, {
      headers: { 'user-agent': DOCKER, accept: 'application/vnd.oci.image.manifest.v1+json' },
    });
    expect(manifest.status).toBe(200);
    await manifest.arrayBuffer();
    const week = isoWeekLabel(Math.floor(Date.now() / 86_400_000));
    const report = (name: string) =>
      fetch(
        `${server.url}/api/orgs/default/analytics/reports/${name}.csv?granularity=weekly&period=${week}&publisher=acme`,
        { headers: { authorization: `Bearer ${token}` } },
      ).then(async (res) => ({ status: res.status, text: await res.text() }));
    // the registry delivers asynchronously: tick until the pull is classified and stored
    const deadline = Date.now() + 30_000;
    let summaryCsv = '';
    while (Date.now() < deadline) {
      await server.analytics.tick();
      const res = await report('summary');
      if (res.status === 200 && res.text.includes('acme/app')) {
        summaryCsv = res.text;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(summaryCsv).toMatch(/^weekly,[^,]+,acme,repository,acme\/app,[1-9]\d*,\d+,[1-9]\d*$/m);
    expect(summaryCsv).toMatch(/^weekly,[^,]+,acme,tag,acme\/app:v1,[1-9]/m);
    const raw = await report('raw');
    expect(raw.status).toBe(200);
    const docker = raw.text.split('\n').filter((line) => line.includes(',docker,27.3.1,'));
    expect(docker.length).toBeGreaterThanOrEqual(1);
    expect(docker[0]).toMatch(/^pull_by_tag,[^,]+,[^,]*,sha256:[0-9a-f]{64},GET,[^,]*,acme,v1,app,v1,/);
    expect(raw.text).not.toContain('127.0.0.1,');
  });
});
