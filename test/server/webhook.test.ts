import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RegistryEnvelope } from '../../src/service/types.js';
import { makeTeam, startTestApp, type Team, type TestApp } from './support/app-harness.js';

const samplePath = fileURLToPath(
  new URL('../../../shared/samples/registry-events-sample.json', import.meta.url),
);
const haveSamples = existsSync(samplePath);
if (!haveSamples)
  console.warn(`${samplePath} is missing (../shared): real Distribution envelopes not replayed`);

interface Sample {
  items: { request: string; envelopeHeaders: Record<string, string>; envelope: RegistryEnvelope }[];
}

const MEDIA_TYPE = 'application/vnd.docker.distribution.events.v1+json';

describe.skipIf(!haveSamples)('registry webhook receiver (real Distribution envelopes)', () => {
  let t: TestApp;
  let team: Team;
  const pulls: { registryId: string; envelope: RegistryEnvelope }[] = [];
  let registryId: string;
  let secret: string;
  beforeAll(async () => {
    t = await startTestApp({
      hooks: {
        onPullEvents: (source, envelope) => void pulls.push({ registryId: source.registryId, envelope }),
      },
    });
    team = await makeTeam(t);
    const created = await t.call('POST', `/api/orgs/${team.orgSlug}/registries`, {
      token: team.tokens.editor,
      body: { name: 'local', url: 'http://127.0.0.1:5000' },
    });
    expect(created.status).toBe(201);
    expect(created.body.webhookUrl).toBe(
      `http://localhost/api/registries/${created.body.registry.id}/events`,
    );
    registryId = created.body.registry.id;
    secret = created.body.webhookSecret;
    // sample/tiny is analysed continuously, sample/tiny2 is not
    const repo = await t.services.store.repositories.ensure(team.orgId, registryId, 'sample/tiny');
    await t.services.store.repositories.setMode(team.orgId, repo.id, 'continuous', null);
  });
  afterAll(() => t?.close());

  const post = (body: string, authorization?: string) =>
    t.call('POST', `/api/registries/${registryId}/events`, {
      raw: body,
      headers: { 'content-type': MEDIA_TYPE, ...(authorization ? { authorization } : {}) },
    });

  it('refuses a missing or wrong secret, and changes nothing', async () => {
    const body = JSON.stringify({ events: [] });
    expect((await post(body)).status).toBe(401);
    const wrong = await post(body, 'Bearer cnw_wrong');
    expect(wrong.status).toBe(401);
    expect(wrong.body.error.code).toBe('E_AUTH_REQUIRED');
    expect(
      (
        await t.call('POST', '/api/registries/unknown-id/events', {
          raw: body,
          headers: { authorization: `Bearer ${secret}` },
        })
      ).status,
    ).toBe(401);
  });

  it('refuses bodies that are not envelopes with a 400, applying none of their events', async () => {
    const auth = `Bearer ${secret}`;
    expect((await post('{"events": [', auth)).body.error.code).toBe('E_EVENT_INVALID');
    expect((await post('{"nope": true}', auth)).status).toBe(400);
    const half = {
      events: [
        {
          id: '1',
          timestamp: '2026-01-01T00:00:00Z',
          action: 'push',
          target: {
            mediaType: 'application/vnd.oci.image.manifest.v1+json',
            repository: 'half/written',
            tag: 'x',
            digest: 'sha256:aa',
          },
        },
        { id: 2 },
      ],
    };
    expect((await post(JSON.stringify(half), auth)).status).toBe(400);
    expect((await t.services.store.repositories.list(team.orgId, { search: 'half' })).total).toBe(0);
  });

  it('replays every captured envelope: pushes queue analyses, pulls go to the analytics hook', async () => {
    const sample = JSON.parse(readFileSync(samplePath, 'utf8')) as Sample;
    let enqueued = 0;
    let pullCount = 0;
    for (const item of sample.items) {
      // the secret the way the registry sends it, with its own headers
      const res = await post(JSON.stringify(item.envelope), `Bearer ${secret}`);
      expect(res.status, item.request).toBe(200);
      enqueued += res.body.enqueued;
      pullCount += res.body.pulls;
    }
    const expectedPulls = sample.items
      .flatMap((i) => i.envelope.events)
      .filter((e) => e.action === 'pull').length;
    expect(pullCount).toBe(expectedPulls);
    expect(pulls.flatMap((p) => p.envelope.events)).toHaveLength(expectedPulls);
    expect(pulls.every((p) => p.registryId === registryId)).toBe(true);
    // one manifest push to the enabled repository: one job, for its digest
    expect(enqueued).toBe(1);
    const jobs = await t.services.store.jobs.list({ orgId: team.orgId });
    expect(jobs.items.map((j) => [j.kind, j.digest])).toEqual([
      ['analyze', 'sha256:4f82866caa47fd3ad975169729ad64ce24eaee0eec8591b4d9a99843594c8bd2'],
    ]);
    const repos = await t.services.store.repositories.list(team.orgId);
    const byName = new Map(repos.items.map((r) => [r.name, r]));
    expect(byName.get('sample/tiny')?.lastPushedTag).toBe('1.0');
    expect(byName.get('sample/tiny2')).toMatchObject({ mode: 'none', lastPushedTag: '1.0' });
    // a second delivery of the same push (the registry retries) queues nothing new
    const push = sample.items.find(
      (i) => i.envelope.events[0]?.action === 'push' && i.envelope.events[0].target.tag,
    );
    expect((await post(JSON.stringify(push?.envelope), `Bearer ${secret}`)).body.enqueued).toBe(0);
  });

  it('accepts the secret as a Basic password (a notifications URL with user info)', async () => {
    const basic = `Basic ${Buffer.from(`registry:${secret}`).toString('base64')}`;
    expect((await post(JSON.stringify({ events: [] }), basic)).status).toBe(200);
  });

  it('a rotated secret replaces the old one', async () => {
    const rotated = await t.call(
      'POST',
      `/api/orgs/${team.orgSlug}/registries/${registryId}/webhook-secret`,
      { token: team.tokens.editor },
    );
    expect(rotated.status).toBe(200);
    expect((await post(JSON.stringify({ events: [] }), `Bearer ${secret}`)).status).toBe(401);
    expect((await post(JSON.stringify({ events: [] }), `Bearer ${rotated.body.webhookSecret}`)).status).toBe(
      200,
    );
    secret = rotated.body.webhookSecret;
  });
});
