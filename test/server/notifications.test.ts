import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installContinuousEvaluation } from '../../src/service/evaluation/index.js';
import { reevaluateOperation } from '../../src/service/evaluation/reevaluate.js';
import { secretBox } from '../../src/service/secrets.js';
import type { Repository } from '../../src/store/types.js';
import { applyFeeds, makeRepository, pkg, pushImage, record, sbomOf } from './evaluation-support.js';
import { type JsonBody, makeTeam, startTestApp, type Team, type TestApp } from './support/app-harness.js';

/** Runs the worker until no job is queued or running (retries wait out their short test backoff). */
async function drain(t: TestApp, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    await t.worker.runOnce();
    const counts = await t.services.store.jobs.counts();
    if (counts.queued === 0 && counts.running === 0) return;
    if (Date.now() > until) throw new Error(`jobs still pending: ${JSON.stringify(counts)}`);
    await new Promise((resolve) => setTimeout(resolve, 30));
  }
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A loopback webhook receiver answering `statuses` in turn (then 200). */
async function receiver(
  statuses: number[] = [],
): Promise<{ url: string; got: Received[]; close(): Promise<void> }> {
  const got: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.statusCode = statuses.shift() ?? 200;
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    got,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('notifications', () => {
  let t: TestApp;
  let team: Team;
  let dbPath: string;
  let app: Repository;
  let other: Repository;
  let updateOp: number;
  const store = () => t.services.store;
  const evaluate = (op: number) =>
    reevaluateOperation({ store: store(), advisoryDbPath: dbPath, log: t.services.log }, op);
  const feed = async (role: 'owner' | 'editor' | 'member', query = '') =>
    (await t.call('GET', `/api/orgs/acme/notifications${query}`, { token: team.tokens[role] }))
      .body as JsonBody;
  const countFor = async (userId: string) => (await store().notifications.list(team.orgId, userId)).total;

  beforeAll(async () => {
    t = await startTestApp();
    dbPath = join(t.dir, 'advisories.db');
    team = await makeTeam(t, 'acme');
    installContinuousEvaluation({
      services: t.services,
      worker: t.worker,
      secrets: secretBox(randomBytes(32)),
      advisoryDbPath: dbPath,
      settings: { checkMs: 60_000, updateMs: null },
    });
    // lodash is vulnerable from the start: every push below has a finding
    applyFeeds(dbPath, { seed: [record('GHSA-seed-0000-0000', 'npm', 'lodash', '4.17.21', 'high')] });
    app = await makeRepository(store(), team.orgId, 'team/app');
    other = await makeRepository(store(), team.orgId, 'team/other');
    const packages = [
      pkg('npm', 'lodash', '4.17.20'),
      pkg('npm', 'minimist', '1.2.5'),
      pkg('npm', 'qs', '6.5.2'),
    ];
    await pushImage(store(), dbPath, {
      repository: app,
      sbom: sbomOf(packages),
      tag: 'v1',
      at: '2026-01-01T00:00:00Z',
    });
    await pushImage(store(), dbPath, {
      repository: app,
      sbom: sbomOf([...packages, pkg('npm', 'express', '4.17.0')]),
      tag: 'v2',
      at: '2026-01-02T00:00:00Z',
    });
    await pushImage(store(), dbPath, { repository: other, sbom: sbomOf(packages), tag: 'main' });
  });
  afterAll(() => t?.close());

  it('a push notifies nobody, though the pushed images have findings', async () => {
    const images = await store().images.list(team.orgId);
    expect(images.items.map((i) => i.summary.counts.high)).toEqual([1, 1, 1]);
    for (const userId of Object.values(team.userIds)) expect(await countFor(userId)).toBe(0);
    await drain(t);
    expect((await store().jobs.list({ kind: 'notice' })).total).toBe(0);
  });

  it('an update newly affecting the last-pushed tag: one notification per subscriber and image, the most severe change', async () => {
    // the editor hears about team/other only; the member about team/app only; the owner about everything
    await store().subscriptions.set({
      orgId: team.orgId,
      userId: team.userIds.editor,
      scope: 'selected',
      repositoryIds: [other.id],
    });
    await store().subscriptions.set({
      orgId: team.orgId,
      userId: team.userIds.member,
      scope: 'selected',
      repositoryIds: [app.id],
    });
    const [op] = applyFeeds(dbPath, {
      update: [
        record('GHSA-mini-0000-0001', 'npm', 'minimist', '1.2.6', 'medium'),
        record('GHSA-qs00-0000-0002', 'npm', 'qs', '6.5.3', 'critical'),
        record('GHSA-qs00-0000-0003', 'npm', 'qs', '6.5.3', 'low'),
      ],
    });
    updateOp = op as number;
    const outcome = await evaluate(updateOp);
    // v1 (older tag of team/app), v2 (its last-pushed tag) and main (team/other's)
    expect(outcome).toMatchObject({ selected: 3, rematched: 3, changed: 3, notices: 2 });
    const owner = await feed('owner');
    expect(owner.total).toBe(2);
    for (const item of owner.items) {
      expect(item).toMatchObject({ kind: 'vulnerability', severity: 'critical' });
      expect(item.body.change).toMatchObject({
        kind: 'new',
        vulnerabilityId: 'GHSA-qs00-0000-0002',
        packageName: 'qs',
      });
      expect(item.body).toMatchObject({ newFindings: 3, raisedFindings: 0 });
    }
    expect(owner.items.map((i: JsonBody) => i.body.tag).sort()).toEqual(['main', 'v2']);
    expect(owner.items.map((i: JsonBody) => i.title)).toContain(
      'GHSA-qs00-0000-0002 (critical) now affects team/app:v2 (qs 6.5.2)',
    );
    const member = await feed('member');
    expect(member.items.map((i: JsonBody) => i.body.repository)).toEqual(['team/app']);
    const editor = await feed('editor');
    expect(editor.items.map((i: JsonBody) => i.body.repository)).toEqual(['team/other']);
    // the older tag changed too (history, counts), silently
    const v1 = (await store().images.list(team.orgId, { repositoryId: app.id, tag: 'v1' })).items[0];
    expect(v1?.summary.counts.critical).toBe(1);
    expect((await store().images.history(team.orgId, v1?.id as string)).map((h) => h.reason)).toEqual([
      'analysis',
      're-evaluation',
    ]);
  });

  it('the same operation again changes nothing and notifies nobody twice', async () => {
    const history = async () => (await store().images.list(team.orgId)).items.map((i) => i.evaluatedAt);
    const before = await history();
    expect(await evaluate(updateOp)).toMatchObject({ selected: 3, rematched: 3, changed: 0, notices: 0 });
    expect(await history()).toEqual(before);
    expect((await feed('owner')).total).toBe(2);
  });

  it('a raised severity notifies again, as "raised"', async () => {
    const [op] = applyFeeds(dbPath, {
      update: [
        record('GHSA-mini-0000-0001', 'npm', 'minimist', '1.2.6', 'critical', {
          modified: '2026-02-01T00:00:00Z',
        }),
        record('GHSA-qs00-0000-0002', 'npm', 'qs', '6.5.3', 'critical'),
        record('GHSA-qs00-0000-0003', 'npm', 'qs', '6.5.3', 'low'),
      ],
    });
    expect(await evaluate(op as number)).toMatchObject({ changed: 3, notices: 2 });
    const member = await feed('member', '?unreadOnly=true');
    expect(member.items[0].body.change).toMatchObject({
      kind: 'raised',
      vulnerabilityId: 'GHSA-mini-0000-0001',
      severity: 'critical',
      previousSeverity: 'medium',
    });
    expect(member.items[0].title).toBe('GHSA-mini-0000-0001 is now critical in team/app:v2 (minimist 1.2.5)');
  });

  it('the feed: unread first, unread count, mark read by id or all; others’ ids are ignored', async () => {
    const before = await feed('owner');
    expect(before).toMatchObject({ total: 4, unread: 4 });
    const first = before.items[3].id as string;
    const memberItem = (await feed('member')).items[0].id as string;
    const marked = await t.call('POST', '/api/orgs/acme/notifications/read', {
      token: team.tokens.owner,
      body: { ids: [first, memberItem] },
    });
    expect(marked.body).toEqual({ marked: 1, unread: 3 });
    const after = await feed('owner');
    expect(after.items.map((i: JsonBody) => Boolean(i.readAt))).toEqual([false, false, false, true]);
    expect(after.items[3].id).toBe(first);
    const page = await feed('owner', '?limit=2&offset=2');
    expect(page.items.map((i: JsonBody) => i.id)).toEqual(after.items.slice(2).map((i: JsonBody) => i.id));
    expect(
      (await t.call('GET', '/api/orgs/acme/notifications/unread-count', { token: team.tokens.owner })).body,
    ).toEqual({ unread: 3 });
    expect((await feed('member')).unread).toBe(2);
    const all = await t.call('POST', '/api/orgs/acme/notifications/read', {
      token: team.tokens.owner,
      body: { all: true },
    });
    expect(all.body).toEqual({ marked: 3, unread: 0 });
    const bad = await t.call('POST', '/api/orgs/acme/notifications/read', {
      token: team.tokens.owner,
      body: { ids: [], all: true },
    });
    expect(bad.status).toBe(400);
  });

  it('a user sees only their own notifications, and only in orgs they belong to', async () => {
    const outsider = await makeTeam(t, 'elsewhere');
    const res = await t.call('GET', '/api/orgs/acme/notifications', { token: outsider.tokens.owner });
    expect(res.status).toBe(404);
    expect(
      (await t.call('GET', '/api/orgs/elsewhere/notifications', { token: outsider.tokens.owner })).body.total,
    ).toBe(0);
  });

  it('subscriptions: read and set the caller’s own; unknown repositories refused', async () => {
    const put = await t.call('PUT', '/api/orgs/acme/notifications/subscription', {
      token: team.tokens.member,
      body: { scope: 'selected', repositoryIds: [app.id, other.id] },
    });
    expect(put.body).toMatchObject({ userId: team.userIds.member, scope: 'selected' });
    expect(put.body.repositoryIds.sort()).toEqual([app.id, other.id].sort());
    const bad = await t.call('PUT', '/api/orgs/acme/notifications/subscription', {
      token: team.tokens.member,
      body: { scope: 'selected', repositoryIds: ['nope'] },
    });
    expect(bad.status).toBe(404);
    const all = await t.call('PUT', '/api/orgs/acme/notifications/subscription', {
      token: team.tokens.member,
      body: { scope: 'all' },
    });
    expect(all.body).toMatchObject({ scope: 'all', repositoryIds: [] });
  });

  it('integrations: editors manage them, secrets are returned once, the URL is write-only', async () => {
    const hook = 'https://chat.example.test/services/T000/B000/XXXXXXXXXXXXXXXX';
    const denied = await t.call('POST', '/api/orgs/acme/integrations', {
      token: team.tokens.member,
      body: { name: 'x', url: hook },
    });
    expect(denied.status).toBe(403);
    const invalid = await t.call('POST', '/api/orgs/acme/integrations', {
      token: team.tokens.editor,
      body: { name: 'x', url: 'ftp://host/x' },
    });
    expect(invalid.status).toBe(400);
    const created = await t.call('POST', '/api/orgs/acme/integrations', {
      token: team.tokens.editor,
      body: { name: 'team chat', url: hook },
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^cnh_/);
    expect(created.body.integration).toMatchObject({
      name: 'team chat',
      enabled: true,
      urlHint: 'https://chat.example.test/services…',
    });
    const id = created.body.integration.id as string;
    const listed = await t.call('GET', '/api/orgs/acme/integrations', { token: team.tokens.member });
    expect(JSON.stringify(listed.body)).not.toContain('XXXXXXXX');
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    const sealed = (await store().integrations.get(team.orgId, id))?.secretSealed;
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain(created.body.secret);
    const rotated = await t.call('PATCH', `/api/orgs/acme/integrations/${id}`, {
      token: team.tokens.editor,
      body: { rotateSecret: true, enabled: false },
    });
    expect(rotated.body.secret).toMatch(/^cnh_/);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect(rotated.body.integration.enabled).toBe(false);
    expect(
      (await t.call('DELETE', `/api/orgs/acme/integrations/${id}`, { token: team.tokens.member })).status,
    ).toBe(403);
    expect(
      (await t.call('DELETE', `/api/orgs/acme/integrations/${id}`, { token: team.tokens.owner })).status,
    ).toBe(204);
    expect(
      (await t.call('DELETE', `/api/orgs/acme/integrations/${id}`, { token: team.tokens.owner })).status,
    ).toBe(404);
  });

  it('deliveries are signed, retried with backoff after a failure, and skip disabled integrations', async () => {
    await drain(t); // earlier notices, delivered to no integration
    const hook = await receiver([500]);
    try {
      const on = await t.call('POST', '/api/orgs/acme/integrations', {
        token: team.tokens.editor,
        body: { name: 'on', url: hook.url },
      });
      await t.call('POST', '/api/orgs/acme/integrations', {
        token: team.tokens.editor,
        body: { name: 'off', url: `${hook.url}/off`, enabled: false },
      });
      const [op] = applyFeeds(dbPath, {
        express: [record('GHSA-expr-0000-0001', 'npm', 'express', '4.20.0', 'high')],
      });
      expect(await evaluate(op as number)).toMatchObject({ selected: 1, notices: 1 });
      await drain(t);
      expect(hook.got).toHaveLength(2); // a 500, then the retry
      const [, delivered] = hook.got as [Received, Received];
      expect(hook.got.every((g) => g.body === delivered.body)).toBe(true);
      const header = String(delivered.headers['x-crowsnest-signature']);
      const [, ts, hex] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header) ?? [];
      const expected = createHmac('sha256', on.body.secret).update(`${ts}.${delivered.body}`).digest('hex');
      expect(hex).toBe(expected);
      expect(Math.abs(Number(ts) - Date.now() / 1000)).toBeLessThan(60);
      expect(delivered.headers['content-type']).toBe('application/json');
      expect(delivered.headers['x-crowsnest-event']).toBe('vulnerability');
      const message = JSON.parse(delivered.body);
      expect(Object.keys(message).sort()).toEqual(['blocks', 'text']);
      expect(message.text).toBe(
        'crowsnest: GHSA-expr-0000-0001 (high) now affects team/app:v2 (express 4.17.0)',
      );
      const deliveries = await store().jobs.list({ kind: 'deliver', orgId: team.orgId });
      expect(deliveries.items.map((j) => [j.state, j.attempts])).toEqual([['done', 2]]);
    } finally {
      await hook.close();
    }
  });
});
