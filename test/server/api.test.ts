import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareSetupToken } from '../../src/service/auth.js';
import { makeTeam, startTestApp, type Team, type TestApp } from './support/app-harness.js';

describe('HTTP API boundary', () => {
  let t: TestApp;
  let team: Team;
  beforeAll(async () => {
    t = await startTestApp({ bodyLimitBytes: 4096 });
    team = await makeTeam(t);
  });
  afterAll(() => t?.close());

  it('answers health, readiness and the OpenAPI document', async () => {
    expect((await t.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await t.call('GET', '/readyz')).body).toEqual({ status: 'ready' });
    const doc = await t.call('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toBe('3.1.0');
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/orgs/{org}/repositories', '/api/registries/{id}/events', '/api/setup']),
    );
    expect(doc.body.paths['/api/orgs/{org}/repositories/{id}/settings'].put.description).toContain(
      'Access: editor or above',
    );
  });

  it('gives every bad request a 4xx with a JSON error', async () => {
    const owner = team.tokens.owner;
    const path = `/api/orgs/${team.orgSlug}/registries`;
    const unknownField = await t.call('POST', path, {
      token: owner,
      body: { name: 'r', url: 'http://127.0.0.1:1', colour: 'red' },
    });
    expect(unknownField.status).toBe(400);
    expect(unknownField.body.error).toMatchObject({ code: 'E_REQUEST_INVALID' });
    expect(unknownField.body.error.message).toMatch(/colour/);
    const wrongType = await t.call('POST', path, {
      token: owner,
      body: { name: 5, url: 'http://127.0.0.1:1' },
    });
    expect(wrongType.body.error).toMatchObject({ code: 'E_REQUEST_INVALID', where: 'name' });
    const badJson = await t.call('POST', path, {
      token: owner,
      raw: '{"name":',
      headers: { 'content-type': 'application/json' },
    });
    expect(badJson.status).toBe(400);
    expect(badJson.body.error.code).toBeTruthy();
    const big = await t.call('POST', path, {
      token: owner,
      body: { name: 'x'.repeat(5000), url: 'http://127.0.0.1:1' },
    });
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe('E_PAYLOAD_TOO_LARGE');
    const badQuery = await t.call('GET', `/api/orgs/${team.orgSlug}/repositories?limit=nine`, {
      token: owner,
    });
    expect(badQuery.body.error).toMatchObject({ code: 'E_REQUEST_INVALID', where: 'limit' });
    const unknownQuery = await t.call('GET', `/api/orgs/${team.orgSlug}/repositories?colour=red`, {
      token: owner,
    });
    expect(unknownQuery.status).toBe(400);
    const noRoute = await t.call('GET', '/api/nothing-here');
    expect(noRoute).toMatchObject({ status: 404, body: { error: { code: 'E_NOT_FOUND' } } });
    expect((await t.services.store.registries.listByOrg(team.orgId)).length).toBe(0);
  });

  it('refuses missing, malformed, unknown and revoked tokens with 401', async () => {
    const path = `/api/orgs/${team.orgSlug}/repositories`;
    const none = await t.call('GET', path);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toContain('Bearer');
    expect((await t.call('GET', path, { headers: { authorization: 'Token abc' } })).status).toBe(401);
    expect((await t.call('GET', path, { token: 'cn_unknown' })).body.error.code).toBe('E_AUTH_REQUIRED');
    const created = await t.call('POST', `/api/orgs/${team.orgSlug}/tokens`, {
      token: team.tokens.member,
      body: { name: 'short-lived' },
    });
    expect(created.status).toBe(201);
    expect((await t.call('GET', path, { token: created.body.secret })).status).toBe(200);
    const revoke = await t.call('DELETE', `/api/orgs/${team.orgSlug}/tokens/${created.body.token.id}`, {
      token: team.tokens.member,
    });
    expect(revoke.status).toBe(204);
    const after = await t.call('GET', path, { token: created.body.secret });
    expect(after.status).toBe(401);
    expect(after.body.error.message).toMatch(/revoked/);
  });

  it('keeps tokens within their rights: no token above its creator’s role', async () => {
    const res = await t.call('POST', `/api/orgs/${team.orgSlug}/tokens`, {
      token: team.tokens.editor,
      body: { name: 'x', role: 'owner' },
    });
    expect(res.status).toBe(403);
    const mine = await t.call('GET', `/api/orgs/${team.orgSlug}/tokens`, { token: team.tokens.member });
    expect(mine.body.items.every((tk: { userId: string }) => tk.userId === team.userIds.member)).toBe(true);
    const all = await t.call('GET', `/api/orgs/${team.orgSlug}/tokens`, { token: team.tokens.owner });
    expect(new Set(all.body.items.map((tk: { userId: string }) => tk.userId)).size).toBe(3);
  });

  it('signs in with a session cookie and out again', async () => {
    const wrong = await t.call('POST', '/api/session', {
      body: { email: `member@${team.orgSlug}.test`, password: 'nope-nope' },
    });
    expect(wrong.status).toBe(401);
    const res = await t.call('POST', '/api/session', {
      body: { email: `MEMBER@${team.orgSlug}.test`, password: 'member-password' },
    });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/crowsnest_session=cns_[^;]+; .*HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    const cookie = setCookie.split(';')[0] as string;
    const me = await t.call('GET', '/api/me', { cookie });
    expect(me.body.orgs.map((o: { slug: string; role: string }) => [o.slug, o.role])).toEqual([
      [team.orgSlug, 'member'],
    ]);
    expect((await t.call('DELETE', '/api/session', { cookie })).status).toBe(204);
    expect((await t.call('GET', '/api/me', { cookie })).status).toBe(401);
  });

  it('bootstraps the first owner once, with the setup token', async () => {
    const fresh = await startTestApp();
    try {
      expect((await fresh.call('GET', '/api/setup')).body).toEqual({ needed: true });
      const token = (await prepareSetupToken(fresh.services.store)) as string;
      const body = { email: 'first@owner.test', password: 'long-enough', orgSlug: 'first' };
      const wrong = await fresh.call('POST', '/api/setup', {
        body: { ...body, setupToken: 'cnsetup_wrong' },
      });
      expect(wrong.status).toBe(401);
      const ok = await fresh.call('POST', '/api/setup', { body: { ...body, setupToken: token } });
      expect(ok.status).toBe(201);
      expect(ok.body.orgs).toMatchObject([{ slug: 'first', role: 'owner' }]);
      expect(ok.headers.get('set-cookie')).toMatch(/crowsnest_session=/);
      const again = await fresh.call('POST', '/api/setup', { body: { ...body, setupToken: token } });
      expect(again.status).toBe(401);
      expect((await fresh.call('GET', '/api/setup')).body).toEqual({ needed: false });
      expect(await prepareSetupToken(fresh.services.store)).toBeUndefined();
    } finally {
      await fresh.close();
    }
  });

  it('writes structured JSON request logs', async () => {
    await t.call('GET', '/healthz', { headers: { 'x-request-id': 'req-42' } });
    const line = t.logs.map((l) => JSON.parse(l)).find((l) => l.requestId === 'req-42');
    expect(line).toMatchObject({
      level: 'info',
      msg: 'request',
      method: 'GET',
      path: '/healthz',
      status: 200,
    });
    expect(typeof line.ms).toBe('number');
  });
});

describe('repository settings through the API', () => {
  let t: TestApp;
  let team: Team;
  beforeAll(async () => {
    t = await startTestApp();
    team = await makeTeam(t, 'capped');
  });
  afterAll(() => t?.close());

  it('enables up to the org’s cap, queues the newest known tag, and answers 409 beyond it', async () => {
    const { store } = t.services;
    const registry = await store.registries.create({
      orgId: team.orgId,
      name: 'r',
      url: 'http://127.0.0.1:9',
      webhookSecretHash: 'x',
    });
    const one = await store.repositories.ensure(team.orgId, registry.id, 'one');
    const two = await store.repositories.ensure(team.orgId, registry.id, 'two');
    await store.repositories.recordPush(one.id, {
      tag: 'v1',
      digest: `sha256:${'1'.repeat(64)}`,
      at: '2026-01-01T00:00:00.000Z',
    });
    const cap = await t.call('PATCH', `/api/orgs/${team.orgSlug}/settings`, {
      token: team.tokens.owner,
      body: { maxEnabledRepositories: 1 },
    });
    expect(cap.body.settings.maxEnabledRepositories).toBe(1);
    const settings = (id: string, token: string, mode: string) =>
      t.call('PUT', `/api/orgs/${team.orgSlug}/repositories/${id}/settings`, { token, body: { mode } });
    expect((await settings(one.id, team.tokens.member, 'continuous')).status).toBe(403);
    const enabled = await settings(one.id, team.tokens.editor, 'continuous');
    expect(enabled.status).toBe(200);
    expect(enabled.body).toMatchObject({ repository: { mode: 'continuous' }, enqueued: 1 });
    const over = await settings(two.id, team.tokens.editor, 'point-in-time');
    expect(over.status).toBe(409);
    expect(over.body.error).toMatchObject({ code: 'E_LIMIT_EXCEEDED' });
    expect((await store.repositories.get(team.orgId, two.id))?.mode).toBe('none');
    expect((await settings(one.id, team.tokens.editor, 'none')).body.enqueued).toBe(0);
    expect((await settings(two.id, team.tokens.editor, 'point-in-time')).status).toBe(200);
    const jobs = await t.call('GET', `/api/orgs/${team.orgSlug}/jobs`, { token: team.tokens.member });
    expect(jobs.body.items.map((j: { digest: string }) => j.digest)).toEqual([`sha256:${'1'.repeat(64)}`]);
  });
});
