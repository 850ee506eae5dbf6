import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry, Repository } from '../../src/store/types.js';
import { type JsonBody, makeTeam, startTestApp, type Team, type TestApp } from './support/app-harness.js';
import { sampleDigest, sampleWrite } from './support/sample-analysis.js';

describe('environments (B4): record an image into a named environment, list them', () => {
  let t: TestApp;
  let acme: Team;
  let other: Team;
  let registry: Registry;
  let api: Repository;
  let web: Repository;
  const index = sampleDigest(900);

  const post = (body: unknown, token = acme.tokens.editor, org = 'acme') =>
    t.call('POST', `/api/orgs/${org}/environments`, { token, body });
  const list = (query = '', token = acme.tokens.member) =>
    t.call('GET', `/api/orgs/acme/environments${query}`, { token });

  beforeAll(async () => {
    t = await startTestApp();
    acme = await makeTeam(t, 'acme');
    other = await makeTeam(t, 'other');
    const { store } = t.services;
    registry = await store.registries.create({
      orgId: acme.orgId,
      name: 'local',
      url: 'http://127.0.0.1:5123',
      webhookSecretHash: 'x',
    });
    api = await store.repositories.ensure(acme.orgId, registry.id, 'team/api');
    web = await store.repositories.ensure(acme.orgId, registry.id, 'web');
    // team/api:2.0 is a two-platform index; team/api:1.0 a single manifest; web:latest a manifest
    await store.repositories.recordPush(api.id, {
      tag: '1.0',
      digest: sampleDigest(901),
      at: '2026-01-01T00:00:00Z',
    });
    await store.repositories.recordPush(api.id, { tag: '2.0', digest: index, at: '2026-01-02T00:00:00Z' });
    await store.repositories.recordIndex(api.id, index, [sampleDigest(902), sampleDigest(903)]);
    await store.repositories.recordPush(web.id, {
      tag: 'latest',
      digest: sampleDigest(904),
      at: '2026-01-02T00:00:00Z',
    });
    for (const [n, platform] of [
      [901, 'linux/amd64'],
      [902, 'linux/amd64'],
      [903, 'linux/arm64'],
    ] as const) {
      await store.images.saveAnalysis(
        sampleWrite({ orgId: acme.orgId, repositoryId: api.id, digest: sampleDigest(n), platform }),
      );
    }
  });
  afterAll(() => t?.close());

  it('records a reference with the registry host: the tag resolves to the digest it points at now', async () => {
    const res = await post({ environment: 'production', image: '127.0.0.1:5123/team/api:2.0' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      environment: 'production',
      repository: { id: api.id, name: 'team/api' },
      digest: index,
      tags: ['2.0'],
      recordedBy: 'editor@acme.test',
    });
    expect(res.body.images.map((i: JsonBody) => [i.platform, i.digest])).toEqual([
      ['linux/amd64', sampleDigest(902)],
      ['linux/arm64', sampleDigest(903)],
    ]);
  });

  it('records without a host when one registry has the name, and by repository id with a digest', async () => {
    const bare = await post(
      { environment: 'staging', image: `team/api@${sampleDigest(901)}` },
      acme.tokens.owner,
    );
    expect([bare.status, bare.body.digest, bare.body.tags]).toEqual([201, sampleDigest(901), ['1.0']]);
    // `web:latest` would be docker.io/library/web to Docker; here it is the registry's `web`
    const official = await post({ environment: 'staging', image: 'web' });
    expect([official.status, official.body.repository.name, official.body.images]).toEqual([201, 'web', []]);
    const byId = await post({ environment: 'qa', repositoryId: api.id, digest: sampleDigest(901) });
    expect(byId.status).toBe(201);
    const byTag = await post({ environment: 'qa', repositoryId: web.id, tag: 'latest' });
    expect(byTag.body.digest).toBe(sampleDigest(904));
  });

  it('moves an environment’s image when recorded again (one digest per repository and environment)', async () => {
    await post({ environment: 'canary', image: '127.0.0.1:5123/team/api:1.0' });
    const moved = await post({ environment: 'canary', image: '127.0.0.1:5123/team/api:2.0' });
    expect(moved.status).toBe(201);
    const canary = await t.call('GET', '/api/orgs/acme/environments/canary', { token: acme.tokens.member });
    expect(canary.body.images.map((i: JsonBody) => i.digest)).toEqual([index]);
  });

  it('lists environments by name with their images; filters, sorts and pages', async () => {
    const all = await list();
    expect(all.status).toBe(200);
    expect(
      all.body.items.map((e: JsonBody) => [e.name, e.images.map((i: JsonBody) => i.repository.name)]),
    ).toEqual([
      ['canary', ['team/api']],
      ['production', ['team/api']],
      ['qa', ['team/api', 'web']],
      ['staging', ['team/api', 'web']],
    ]);
    const one = await list('?environment=qa');
    expect(one.body.items.map((e: JsonBody) => e.name)).toEqual(['qa']);
    const webOnly = await list(`?repositoryId=${web.id}`);
    expect(webOnly.body.items.map((e: JsonBody) => e.name)).toEqual(['qa', 'staging']);
    const page = await list('?sort=-name&limit=1&offset=1');
    expect([page.body.total, page.body.items[0].name]).toEqual([4, 'qa']);
    expect((await list('?env=qa')).status).toBe(400);
    expect(
      (await t.call('GET', '/api/orgs/acme/environments/nowhere', { token: acme.tokens.member })).status,
    ).toBe(404);
  });

  it('needs the editor role to record; members may list', async () => {
    const res = await post({ environment: 'production', image: 'team/api:1.0' }, acme.tokens.member);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/editor/);
    expect((await list('', acme.tokens.member)).status).toBe(200);
  });

  it('says what is wrong with a bad request, and what to do', async () => {
    const cases: [unknown, number, RegExp][] = [
      [{ environment: 'Prod!', image: 'team/api:1.0' }, 400, /lower-case/],
      [{ environment: 'prod' }, 400, /either image/],
      [{ environment: 'prod', image: 'team/api:1.0', repositoryId: api.id }, 400, /either image/],
      [{ environment: 'prod', repositoryId: api.id }, 400, /exactly one of digest and tag/],
      [{ environment: 'prod', image: 'team/api:9.9' }, 404, /tag 9\.9 of team\/api is not known/],
      [{ environment: 'prod', image: 'elsewhere:5000/team/api:1.0' }, 404, /no repository team\/api/],
      [{ environment: 'prod', image: 'team/nothing:1.0' }, 404, /no repository team\/nothing/],
      [{ environment: 'prod', image: 'Team/API' }, 400, /invalid image reference/],
      [{ environment: 'prod', repositoryId: api.id, digest: 'sha256:zz' }, 400, /bad digest/],
      [{ environment: 'prod', image: 'team/api:1.0', colour: 'red' }, 400, /colour/],
    ];
    for (const [body, status, message] of cases) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(`${res.body.error.message} ${res.body.error.hint ?? ''}`, JSON.stringify(body)).toMatch(message);
    }
    const unknownTag = await post({ environment: 'prod', image: 'team/api:9.9' });
    expect(unknownTag.body.error.hint).toMatch(/give the digest/);
  });

  it('asks for the host when two registries hold the same name', async () => {
    const { store } = t.services;
    const second = await store.registries.create({
      orgId: acme.orgId,
      name: 'mirror',
      url: 'https://mirror.example.test',
      webhookSecretHash: 'x',
    });
    await store.repositories.ensure(acme.orgId, second.id, 'team/api');
    const res = await post({ environment: 'prod', image: `team/api@${sampleDigest(901)}` });
    expect(res.status).toBe(409);
    expect(res.body.error.hint).toMatch(/name the registry host/);
    const explicit = await post({
      environment: 'prod',
      image: `mirror.example.test/team/api@${sampleDigest(901)}`,
    });
    expect([explicit.status, explicit.body.repository.registryId]).toEqual([201, second.id]);
  });

  it('never reaches another org’s repositories or environments', async () => {
    const stolen = await post(
      { environment: 'prod', repositoryId: api.id, digest: sampleDigest(901) },
      other.tokens.owner,
      'other',
    );
    expect(stolen.status).toBe(404);
    const theirs = await t.call('GET', '/api/orgs/other/environments', { token: other.tokens.owner });
    expect(theirs.body).toEqual({ items: [], total: 0 });
    expect((await t.call('GET', '/api/orgs/acme/environments', { token: other.tokens.owner })).status).toBe(
      404,
    );
  });
});
