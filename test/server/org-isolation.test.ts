import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTeam, startTestApp, type Team, type TestApp } from './support/app-harness.js';
import { sampleDigest, sampleWrite } from './support/sample-analysis.js';

interface Seeded {
  registryId: string;
  repositoryId: string;
  imageId: string;
}

async function seed(t: TestApp, team: Team, n: number): Promise<Seeded> {
  const { store } = t.services;
  const registry = await store.registries.create({
    orgId: team.orgId,
    name: `reg-${n}`,
    url: 'http://127.0.0.1:5000',
    webhookSecretHash: 'x',
  });
  const repository = await store.repositories.ensure(team.orgId, registry.id, `team${n}/app`);
  await store.repositories.recordPush(repository.id, {
    tag: 'v1',
    digest: sampleDigest(n),
    at: '2026-01-01T00:00:00.000Z',
  });
  const image = await store.images.saveAnalysis(
    sampleWrite({ orgId: team.orgId, repositoryId: repository.id, digest: sampleDigest(n) }),
  );
  await store.jobs.enqueue({
    kind: 'analyze',
    key: `${team.orgId}/${repository.id}/${sampleDigest(n)}`,
    orgId: team.orgId,
    repositoryId: repository.id,
    payload: {},
  });
  return { registryId: registry.id, repositoryId: repository.id, imageId: image.id };
}

describe('org isolation: an org never sees another org’s data', () => {
  let t: TestApp;
  let a: Team;
  let b: Team;
  let bData: Seeded;
  let aData: Seeded;
  beforeAll(async () => {
    t = await startTestApp();
    a = await makeTeam(t, 'alpha');
    b = await makeTeam(t, 'beta');
    aData = await seed(t, a, 1);
    bData = await seed(t, b, 2);
  });
  afterAll(() => t?.close());

  it('lists only the caller’s own org', async () => {
    for (const list of [
      'registries',
      'repositories',
      'images',
      'jobs',
      'members',
      'tokens',
      'environments',
      'dashboard/repositories',
      'dashboard/packages',
      'dashboard/vulnerabilities',
    ]) {
      const res = await t.call('GET', `/api/orgs/alpha/${list}`, { token: a.tokens.owner });
      expect(res.status, list).toBe(200);
      const text = JSON.stringify(res.body);
      for (const id of Object.values(bData)) expect(text, list).not.toContain(id);
      expect(text, list).not.toContain(b.orgId);
    }
    const images = await t.call('GET', '/api/orgs/alpha/images', { token: a.tokens.member });
    expect(images.body.items.map((i: { id: string }) => i.id)).toEqual([aData.imageId]);
  });

  it('answers 404 for another org’s resources, by id under one’s own org', async () => {
    const paths = [
      `repositories/${bData.repositoryId}`,
      `repositories/${bData.repositoryId}/tags`,
      `images/${bData.imageId}`,
      `images/${bData.imageId}/findings`,
      `images/${bData.imageId}/history`,
      `images/${bData.imageId}/sbom`,
      `images/${bData.imageId}/report`,
      `dashboard/repositories/${bData.repositoryId}/images`,
      `dashboard/images/${bData.imageId}`,
      `dashboard/images/${bData.imageId}/packages`,
      `dashboard/images/${bData.imageId}/vulnerabilities`,
      `dashboard/images/${bData.imageId}/sbom`,
    ];
    for (const path of paths) {
      const res = await t.call('GET', `/api/orgs/alpha/${path}`, { token: a.tokens.owner });
      expect(res.status, path).toBe(404);
      const own = await t.call('GET', `/api/orgs/beta/${path}`, { token: b.tokens.member });
      expect(own.status, path).toBe(200);
    }
    const writes = [
      ['PUT', `repositories/${bData.repositoryId}/settings`, { mode: 'continuous' }],
      ['PATCH', `registries/${bData.registryId}`, { name: 'stolen' }],
      ['POST', `registries/${bData.registryId}/webhook-secret`, undefined],
      ['DELETE', `registries/${bData.registryId}`, undefined],
      ['POST', 'environments', { environment: 'production', repositoryId: bData.repositoryId, tag: 'v1' }],
    ] as const;
    for (const [method, path, body] of writes) {
      const res = await t.call(method, `/api/orgs/alpha/${path}`, {
        token: a.tokens.owner,
        ...(body ? { body } : {}),
      });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await t.services.store.repositories.get(b.orgId, bData.repositoryId))?.mode).toBe('none');
    expect((await t.services.store.registries.get(b.orgId, bData.registryId))?.name).toBe('reg-2');
  });

  it('keeps a token to its own org even when its user belongs to both', async () => {
    const { store } = t.services;
    await store.memberships.put(b.orgId, a.userIds.owner, 'owner');
    expect((await t.call('GET', '/api/orgs/beta/images', { token: a.tokens.owner })).status).toBe(404);
    const me = await t.call('GET', '/api/me', { token: a.tokens.owner });
    expect(me.body.orgs.map((o: { slug: string }) => o.slug)).toEqual(['alpha']);
    await store.memberships.remove(b.orgId, a.userIds.owner);
  });

  it('hides other orgs from the webhook receiver: a registry’s secret opens only that registry', async () => {
    const created = await t.call('POST', '/api/orgs/alpha/registries', {
      token: a.tokens.editor,
      body: { name: 'hooked', url: 'http://127.0.0.1:5000' },
    });
    const envelope = { events: [] };
    const wrong = await t.call('POST', `/api/registries/${bData.registryId}/events`, {
      token: created.body.webhookSecret,
      body: envelope,
    });
    expect(wrong.status).toBe(401);
    const right = await t.call('POST', `/api/registries/${created.body.registry.id}/events`, {
      token: created.body.webhookSecret,
      body: envelope,
    });
    expect(right.status).toBe(200);
  });
});
