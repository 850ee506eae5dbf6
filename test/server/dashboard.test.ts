import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPayload, openUpdateSession } from '../../src/advisories/store/index.js';
import { decodeSbom } from '../../src/sbom/formats/read-sbom.js';
import type { Sbom } from '../../src/sbom/types.js';
import { createApp } from '../../src/server/app.js';
import type { AppEnv } from '../../src/server/context.js';
import { cachedList } from '../../src/service/dashboard-lists.js';
import type { ImageRecord, Repository, Store } from '../../src/store/types.js';
import { applyFeeds, makeRepository, pkg, pushImage, record, sbomOf } from './evaluation-support.js';
import { type JsonBody, makeTeam, startTestApp, type Team, type TestApp } from './support/app-harness.js';

const layers: Sbom['source']['layers'] = [
  {
    index: 0,
    digest: `sha256:${'a'.repeat(64)}`,
    diffId: `sha256:${'b'.repeat(64)}`,
    createdBy: 'ADD rootfs.tar /',
  },
  {
    index: 1,
    digest: `sha256:${'c'.repeat(64)}`,
    diffId: `sha256:${'d'.repeat(64)}`,
    createdBy: 'RUN npm ci',
  },
];
const debian = { id: 'debian', versionId: '12', prettyName: 'Debian GNU/Linux 12 (bookworm)' };

/** An image of two layers: zlib from the base layer, lodash and minimist added by `RUN npm ci`. */
function appSbom(lodash: string): Sbom {
  const sbom = sbomOf(
    [
      pkg('deb', 'zlib1g', '1:1.2.13.dfsg-1', { layer: 0 }),
      pkg('npm', 'lodash', lodash, { layer: 1 }),
      pkg('npm', 'minimist', '1.2.5', { layer: 1 }),
    ],
    debian,
  );
  return { ...sbom, source: { ...sbom.source, layers, platform: 'linux/amd64' } };
}

function seedAdvisories(dbPath: string): void {
  applyFeeds(
    dbPath,
    {
      'test-osv': [
        record('GHSA-35jh-r3h4-6jhm', 'npm', 'lodash', '4.17.21', 'critical', {
          aliases: ['CVE-2021-23337'],
          summary: 'Command injection in lodash',
        }),
        record('CVE-2021-44906', 'npm', 'minimist', '1.2.6', 'medium'),
      ],
    },
    { source: 'test-kev', entries: [{ cve: 'CVE-2021-23337', dateAdded: '2024-01-02' }] },
  );
  const session = openUpdateSession(dbPath);
  const epss = [{ cve: 'CVE-2021-23337', score: 0.91, percentile: 0.99, date: '2026-01-01' }];
  applyPayload(
    session.db,
    { source: 'test-epss', started: new Date().toISOString() },
    { advisories: [], epss, complete: true, problems: [] },
  );
  session.commit();
}

describe('cached org-wide lists', () => {
  const fakeStore = (version: { v: string }) =>
    ({ dashboard: { version: async () => version.v } }) as unknown as Store;

  it('computes once per query and version, shares concurrent misses, expires and forgets the oldest', async () => {
    const version = { v: '1' };
    const store = fakeStore(version);
    let runs = 0;
    let clock = 0;
    const options = { now: () => clock, ttlMs: 1000, maxEntries: 2 };
    const compute = (label: string) => async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return `${label}:${runs}`;
    };
    const list = (query: object, label = 'a') =>
      cachedList(store, 'org', 'kind', query, compute(label), options);
    const burst = await Promise.all(Array.from({ length: 10 }, () => list({ x: 1, y: 2 })));
    expect(new Set(burst)).toEqual(new Set(['a:1']));
    expect(await list({ y: 2, x: 1 })).toBe('a:1');
    version.v = '2';
    expect(await list({ x: 1, y: 2 })).toBe('a:2');
    clock = 2000;
    expect(await list({ x: 1, y: 2 })).toBe('a:3');
    await list({ other: 1 });
    await list({ third: 1 });
    expect(await list({ x: 1, y: 2 })).toBe('a:6');
    expect(
      await cachedList(
        store,
        'org',
        'kind',
        { z: 1 },
        async () => Promise.reject(new Error('boom')),
        options,
      ).catch((e: Error) => e.message),
    ).toBe('boom');
    expect(await list({ z: 1 })).toBe('a:7');
  });
});

describe('dashboard API', () => {
  let t: TestApp;
  let app: OpenAPIHono<AppEnv>;
  let acme: Team;
  let other: Team;
  let api: Repository;
  let web: Repository;
  let image: ImageRecord;
  let foreign: ImageRecord;
  const dbPath = () => join(t.dir, 'advisories.db');

  const get = async (path: string, init: { token?: string; cookie?: string } = {}) => {
    const headers: Record<string, string> = {};
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.cookie) headers.cookie = init.cookie;
    const res = await app.request(path, { headers });
    const text = await res.text();
    let body: JsonBody = text;
    try {
      body = JSON.parse(text);
    } catch {}
    return { status: res.status, body, text, headers: res.headers };
  };
  const member = (path: string) => get(`/api/orgs/acme/dashboard/${path}`, { token: acme.tokens.member });

  beforeAll(async () => {
    t = await startTestApp();
    app = createApp({ services: t.services, advisoryDbPath: dbPath() });
    acme = await makeTeam(t, 'acme');
    other = await makeTeam(t, 'other');
    seedAdvisories(dbPath());
    const { store } = t.services;
    api = await makeRepository(store, acme.orgId, 'team/api');
    web = await makeRepository(store, acme.orgId, 'team/web');
    await makeRepository(store, acme.orgId, 'tools/empty');
    await pushImage(store, dbPath(), {
      repository: api,
      sbom: appSbom('4.17.20'),
      tag: '1.0',
      at: '2026-01-01T00:00:00.000Z',
    });
    image = await pushImage(store, dbPath(), {
      repository: api,
      sbom: appSbom('4.17.20'),
      tag: 'latest',
      at: '2026-01-03T00:00:00.000Z',
    });
    await pushImage(store, dbPath(), {
      repository: web,
      sbom: appSbom('4.17.21'),
      tag: 'main',
      at: '2026-01-02T00:00:00.000Z',
    });
    const theirs = await makeRepository(store, other.orgId, 'team/api');
    foreign = await pushImage(store, dbPath(), {
      repository: theirs,
      sbom: appSbom('4.17.20'),
      tag: 'latest',
    });
  });
  afterAll(() => t?.close());

  it('lists repositories with the last-pushed tag, OS/arch, counts and a policy placeholder', async () => {
    const res = await member('repositories?sort=-severity');
    expect(res.status).toBe(200);
    expect(res.body.total).toBe(3);
    expect(res.body.items.map((r: JsonBody) => r.name)).toEqual(['team/api', 'team/web', 'tools/empty']);
    expect(res.body.items[0]).toMatchObject({
      id: api.id,
      analyzedImages: 2,
      latest: {
        tag: 'latest',
        digest: image.digest,
        platforms: [],
        imageId: image.id,
        counts: { critical: 1, high: 0, medium: 1, low: 0, unspecified: 0 },
      },
      policy: { status: 'none' },
    });
    expect(res.body.items[2].latest).toBeUndefined();
    const filtered = await member('repositories?search=WEB&limit=1');
    expect([filtered.body.total, filtered.body.items[0].name]).toEqual([1, 'team/web']);
    expect((await member('repositories?severity=critical')).body.total).toBe(1);
  });

  it('refuses unknown and malformed query parameters with a clear 400', async () => {
    for (const query of [
      'repositories?colour=red',
      'repositories?sort=size',
      'repositories?limit=0',
      'packages?offset=-1',
      'vulnerabilities?kev=yes',
      'vulnerabilities?severity=severe',
      `images/${image.id}/sbom?format=xml`,
      'packages/images?name=lodash',
    ]) {
      const res = await member(query);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code, query).toBe('E_REQUEST_INVALID');
      expect(res.body.error.message.length, query).toBeGreaterThan(5);
    }
  });

  it('lists a repository’s analysed images with tags, digests, push times and counts', async () => {
    const res = await member(`repositories/${api.id}/images`);
    expect(res.body.total).toBe(2);
    expect(res.body.items.map((i: JsonBody) => [i.tags, i.pushedAt])).toEqual([
      [['latest'], '2026-01-03T00:00:00.000Z'],
      [['1.0'], '2026-01-01T00:00:00.000Z'],
    ]);
    expect(res.body.items[0].summary.counts.critical).toBe(1);
    expect((await member(`repositories/${api.id}/images?tag=1.0`)).body.total).toBe(1);
    expect((await member('repositories/nope/images')).status).toBe(404);
  });

  it('details an image: OS, layers earliest first with their step and the packages each added', async () => {
    const res = await member(`images/${image.id}`);
    expect(res.status).toBe(200);
    expect(res.body.os).toBe('Debian GNU/Linux 12 (bookworm)');
    expect(res.body.repository).toEqual({ id: api.id, name: 'team/api' });
    expect(
      res.body.layers.map((l: JsonBody) => [l.index, l.createdBy, l.packages.map((p: JsonBody) => p.name)]),
    ).toEqual([
      [0, 'ADD rootfs.tar /', ['zlib1g']],
      [1, 'RUN npm ci', ['lodash', 'minimist']],
    ]);
  });

  it('pages, filters and sorts an image’s packages', async () => {
    const all = await member(`images/${image.id}/packages?sort=-name&limit=2`);
    expect([all.body.total, all.body.items.map((p: JsonBody) => p.name)]).toEqual([
      3,
      ['zlib1g', 'minimist'],
    ]);
    const layer = await member(`images/${image.id}/packages?layer=1&search=LODA`);
    expect(layer.body.items.map((p: JsonBody) => [p.name, p.version, p.purl])).toEqual([
      ['lodash', '4.17.20', 'pkg:npm/lodash@4.17.20'],
    ]);
  });

  it('shows an image’s vulnerabilities with fix, KEV and EPSS', async () => {
    const res = await member(`images/${image.id}/vulnerabilities`);
    expect(res.body.total).toBe(2);
    expect(res.body.items[0]).toMatchObject({
      id: 'CVE-2021-23337',
      aliases: ['GHSA-35jh-r3h4-6jhm'],
      severity: 'critical',
      cvss: 9.8,
      package: { name: 'lodash', version: '4.17.20', layer: 1 },
      fixState: 'fixed',
      fixedVersions: ['4.17.21'],
      kev: { dateAdded: '2024-01-02' },
      epss: { score: 0.91, percentile: 0.99 },
      summary: 'Command injection in lodash',
    });
    expect(res.body.items[1]).toMatchObject({ id: 'CVE-2021-44906', severity: 'medium' });
    expect(res.body.items[1].kev).toBeUndefined();
    const kev = await member(`images/${image.id}/vulnerabilities?kev=false&sort=severity`);
    expect(kev.body.items.map((v: JsonBody) => v.id)).toEqual(['CVE-2021-44906']);
    expect((await member(`images/${image.id}/vulnerabilities?search=minimist`)).body.total).toBe(1);
  });

  it('downloads the SBOM as native JSON, CycloneDX and SPDX, each readable back', async () => {
    const expected = {
      native: 'application/json',
      cyclonedx: 'application/vnd.cyclonedx+json',
      spdx: 'application/spdx+json',
    };
    for (const [format, type] of Object.entries(expected)) {
      const res = await member(`images/${image.id}/sbom?format=${format}`);
      expect(res.status, format).toBe(200);
      expect(res.headers.get('content-type'), format).toBe(type);
      expect(res.headers.get('content-disposition'), format).toMatch(/^attachment; filename=".+\.json"$/);
      const back = decodeSbom(JSON.parse(res.text), format);
      expect(back.packages.map((p) => `${p.name}@${p.version}`).sort(), format).toEqual([
        'lodash@4.17.20',
        'minimist@1.2.5',
        'zlib1g@1:1.2.13.dfsg-1',
      ]);
    }
    const cdx = JSON.parse((await member(`images/${image.id}/sbom?format=cyclonedx`)).text);
    expect([cdx.bomFormat, cdx.specVersion]).toEqual(['CycloneDX', '1.6']);
    const spdx = JSON.parse((await member(`images/${image.id}/sbom?format=spdx`)).text);
    expect(spdx.spdxVersion).toBe('SPDX-2.3');
  });

  it('lists packages across the org with the images using each', async () => {
    const res = await member('packages?type=npm&name=lodash');
    expect(res.body.items.map((p: JsonBody) => [p.version, p.images])).toEqual([
      ['4.17.20', 2],
      ['4.17.21', 1],
    ]);
    const top = await member('packages?sort=-images&limit=2');
    expect([top.body.total, top.body.items.map((p: JsonBody) => [p.name, p.images])]).toEqual([
      4,
      [
        ['minimist', 3],
        ['zlib1g', 3],
      ],
    ]);
    const users = await member('packages/images?type=npm&name=lodash&version=4.17.21');
    expect(users.body.items.map((i: JsonBody) => i.repositoryId)).toEqual([web.id]);
  });

  it('lists vulnerabilities across the org with highest CVSS, fix and affected images', async () => {
    const res = await member('vulnerabilities');
    expect(res.body).toEqual({
      total: 2,
      items: [
        {
          id: 'CVE-2021-23337',
          severity: 'critical',
          cvss: 9.8,
          fixAvailable: true,
          kev: true,
          images: 2,
          packages: 1,
        },
        {
          id: 'CVE-2021-44906',
          severity: 'medium',
          cvss: expect.any(Number),
          fixAvailable: true,
          kev: false,
          images: 3,
          packages: 1,
        },
      ],
    });
    expect(
      (await member('vulnerabilities?kev=true&sort=-images')).body.items.map((v: JsonBody) => v.id),
    ).toEqual(['CVE-2021-23337']);
    expect((await member(`vulnerabilities?repositoryId=${web.id}`)).body.total).toBe(1);
    const affected = await member('vulnerabilities/CVE-2021-23337/images');
    expect(affected.body.items.map((i: JsonBody) => [i.repositoryName, i.packageVersion])).toEqual([
      ['team/api', '4.17.20'],
      ['team/api', '4.17.20'],
    ]);
  });

  it('shows a new analysis in the org-wide lists at once (cached lists follow the store’s version)', async () => {
    const before = await member('vulnerabilities?severity=medium');
    expect(before.body.items[0].images).toBe(3);
    expect((await member('vulnerabilities?severity=medium')).body).toEqual(before.body);
    const tools = await makeRepository(t.services.store, acme.orgId, 'tools/more');
    const extra = await pushImage(t.services.store, dbPath(), {
      repository: tools,
      sbom: appSbom('4.17.21'),
      tag: 'x',
    });
    const after = await member('vulnerabilities?severity=medium');
    expect(after.body.items[0].images).toBe(4);
    const users = await member('packages?name=minimist');
    expect(users.body.items[0].images).toBe(4);
    await t.services.store.registries.delete(acme.orgId, tools.registryId);
    expect(await t.services.store.images.get(acme.orgId, extra.id)).toBeUndefined();
    expect((await member('vulnerabilities?severity=medium')).body.items[0].images).toBe(3);
  });

  it('serves a CVE to anyone, and its affected images to a signed-in caller’s orgs only', async () => {
    const anonymous = await get('/api/cves/CVE-2021-23337');
    expect(anonymous.status).toBe(200);
    expect(anonymous.body.affectedImages).toBeUndefined();
    expect(anonymous.body).toMatchObject({
      id: 'CVE-2021-23337',
      kev: { dateAdded: '2024-01-02' },
      epss: { score: 0.91, percentile: 0.99 },
    });
    expect(anonymous.body.records).toHaveLength(1);
    expect(anonymous.body.records[0]).toMatchObject({
      id: 'GHSA-35jh-r3h4-6jhm',
      summary: 'Command injection in lodash',
      aliases: ['CVE-2021-23337'],
      severity: { rating: 'critical', score: 9.8 },
      affected: [
        {
          ecosystem: 'npm',
          name: 'lodash',
          ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed: '4.17.21' }] }],
          fixedVersions: ['4.17.21'],
        },
      ],
    });
    const byGhsa = await get('/api/cves/GHSA-35jh-r3h4-6jhm', { token: acme.tokens.member });
    expect(byGhsa.body.id).toBe('CVE-2021-23337');
    expect(byGhsa.body.affectedImages.total).toBe(2);
    expect(new Set(byGhsa.body.affectedImages.items.map((i: JsonBody) => i.org))).toEqual(new Set(['acme']));
    expect(JSON.stringify(byGhsa.body)).not.toContain(foreign.id);
    const theirs = await get('/api/cves/CVE-2021-23337', { token: other.tokens.member });
    expect(theirs.body.affectedImages.items.map((i: JsonBody) => i.imageId)).toEqual([foreign.id]);
  });

  it('answers an unknown CVE 404, a bad token 401, and a missing database 503 with what to do', async () => {
    const unknown = await get('/api/cves/CVE-1999-0001');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'E_NOT_FOUND']);
    expect((await get('/api/cves/CVE-2021-23337', { token: 'cn_forged' })).status).toBe(401);
    expect((await get('/api/cves/not%20an%20id')).status).toBe(400);
    const bare = createApp({ services: t.services, advisoryDbPath: join(t.dir, 'absent.db') });
    const missing = await bare.request('/api/cves/CVE-2021-23337');
    const body = (await missing.json()) as JsonBody;
    expect([missing.status, body.error.code]).toEqual([503, 'E_DB_MISSING']);
    expect(body.error.hint).toMatch(/crowsnest db update/);
  });

  it('keeps every dashboard list and page inside the caller’s org', async () => {
    for (const path of [
      'repositories',
      'packages',
      'vulnerabilities',
      `vulnerabilities/CVE-2021-23337/images`,
    ]) {
      const res = await get(`/api/orgs/other/dashboard/${path}`, { token: other.tokens.owner });
      expect(res.status, path).toBe(200);
      for (const id of [api.id, web.id, image.id, acme.orgId]) expect(res.text, path).not.toContain(id);
    }
    const theirPackages = await get('/api/orgs/other/dashboard/packages', { token: other.tokens.member });
    expect(theirPackages.body.items.every((p: JsonBody) => p.images === 1)).toBe(true);
    for (const path of [
      `repositories/${api.id}/images`,
      `images/${image.id}`,
      `images/${image.id}/packages`,
      `images/${image.id}/vulnerabilities`,
      `images/${image.id}/sbom`,
    ]) {
      const res = await get(`/api/orgs/other/dashboard/${path}`, { token: other.tokens.owner });
      expect(res.status, path).toBe(404);
      expect((await member(path)).status, path).toBe(200);
      expect(
        (await get(`/api/orgs/acme/dashboard/${path}`, { token: other.tokens.owner })).status,
        path,
      ).toBe(404);
    }
  });
});
