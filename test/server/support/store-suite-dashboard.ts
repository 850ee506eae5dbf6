import { beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/match/types.js';
import { assembleReport } from '../../../src/report/assemble.js';
import type { AnalysisWrite, Store } from '../../../src/store/types.js';
import { sampleDigest, sampleReport, sampleSbom, sampleWrite } from './sample-analysis.js';
import { type StoreFactory, unique, useStore } from './store-suite.js';

const at = (day: number) => `2026-01-${String(day).padStart(2, '0')}T00:00:00.000Z`;

/** A report with one not-fixed, KEV-listed critical finding on minimist (no CVSS) and nothing else. */
function kevReport(digest: string) {
  const sbom = sampleSbom(digest);
  const finding: Finding = {
    id: 'CVE-2024-7777',
    aliases: ['GHSA-aaaa-bbbb-cccc'],
    packageId: 'npm:minimist@1.2.5',
    severity: { rating: 'critical', type: 'GHSA', source: 'test' },
    fix: { state: 'not-fixed', versions: [] },
    kev: { dateAdded: '2024-01-01' },
    urls: [],
    suppressed: false,
    matches: [],
  };
  return assembleReport(sbom, { findings: [finding], notEvaluated: [] }, { path: 't.db', sources: ['t'] });
}

/**
 * api: `latest` → an index of amd64 (2 critical) and arm64 (1 critical), and an older `0.9` manifest;
 * web: `1.0` → one manifest (KEV finding only); tool: nothing pushed. Another org holds the same packages.
 */
async function seed(store: Store) {
  const org = await store.orgs.create({ slug: unique('d'), name: 'D' });
  const other = await store.orgs.create({ slug: unique('d'), name: 'E' });
  const registry = await store.registries.create({
    orgId: org.id,
    name: 'r',
    url: 'http://127.0.0.1:5000',
    webhookSecretHash: 'x',
  });
  const api = await store.repositories.ensure(org.id, registry.id, 'team/api');
  const web = await store.repositories.ensure(org.id, registry.id, 'team/web');
  const tool = await store.repositories.ensure(org.id, registry.id, 'other/tool');
  const index = sampleDigest(100);
  await store.repositories.recordPush(api.id, { tag: '0.9', digest: sampleDigest(103), at: at(1) });
  await store.repositories.recordPush(api.id, { tag: 'latest', digest: index, at: at(3) });
  await store.repositories.recordIndex(api.id, index, [sampleDigest(101), sampleDigest(102)]);
  const save = (repositoryId: string, n: number, extra: Partial<AnalysisWrite>) =>
    store.images.saveAnalysis(
      sampleWrite({ orgId: org.id, repositoryId, digest: sampleDigest(n), ...extra }),
    );
  const arm = await save(api.id, 102, { indexDigest: index, platform: 'linux/arm64', pushedAt: at(3) });
  const amd = await save(api.id, 101, {
    indexDigest: index,
    platform: 'linux/amd64',
    pushedAt: at(3),
    report: sampleReport(sampleSbom(sampleDigest(101)), 2),
  });
  const old = await save(api.id, 103, { pushedAt: at(1) });
  await store.repositories.recordPush(web.id, { tag: '1.0', digest: sampleDigest(104), at: at(2) });
  const kev = await save(web.id, 104, { pushedAt: at(2), report: kevReport(sampleDigest(104)) });
  const otherRegistry = await store.registries.create({
    orgId: other.id,
    name: 'r',
    url: 'http://127.0.0.1:5001',
    webhookSecretHash: 'x',
  });
  const foreign = await store.repositories.ensure(other.id, otherRegistry.id, 'team/api');
  await store.images.saveAnalysis(
    sampleWrite({ orgId: other.id, repositoryId: foreign.id, digest: sampleDigest(105) }),
  );
  return { org, other, api, web, tool, images: { arm, amd, old, kev } };
}

/** Dashboard read models: repositories with their latest image, packages and vulnerabilities across an org. */
export function dashboardSuite(factory: StoreFactory): void {
  describe(`store dashboard read models (${factory.label})`, () => {
    const ctx = useStore(factory);
    let data: Awaited<ReturnType<typeof seed>>;
    beforeAll(async () => {
      data = await seed(ctx.store);
    });

    it('shows each repository’s last-pushed tag, its platforms and the amd64 image’s counts', async () => {
      const page = await ctx.store.dashboard.repositories(data.org.id);
      expect(page.total).toBe(3);
      const [tool, api, web] = page.items;
      expect([tool?.name, api?.name, web?.name]).toEqual(['other/tool', 'team/api', 'team/web']);
      expect(tool?.latest).toBeUndefined();
      expect(tool?.analyzedImages).toBe(0);
      expect(api?.analyzedImages).toBe(3);
      expect(api?.latest).toMatchObject({
        tag: 'latest',
        digest: sampleDigest(100),
        platforms: ['linux/amd64', 'linux/arm64'],
        imageId: data.images.amd.id,
        platform: 'linux/amd64',
        counts: { critical: 2, high: 1, medium: 0, low: 1, unspecified: 0 },
      });
      expect(web?.latest?.counts).toEqual({ critical: 1, high: 0, medium: 0, low: 0, unspecified: 0 });
    });

    it('filters, sorts and pages repositories', async () => {
      const list = (q: Parameters<Store['dashboard']['repositories']>[1]) =>
        ctx.store.dashboard.repositories(data.org.id, q).then((p) => [p.total, p.items.map((r) => r.name)]);
      expect(await list({ search: 'TEAM/' })).toEqual([2, ['team/api', 'team/web']]);
      expect(await list({ severity: 'high' })).toEqual([1, ['team/api']]);
      expect(await list({ sort: '-severity' })).toEqual([3, ['team/api', 'team/web', 'other/tool']]);
      expect(await list({ sort: 'severity' })).toEqual([3, ['other/tool', 'team/web', 'team/api']]);
      expect(await list({ sort: '-lastPushedAt' })).toEqual([3, ['team/api', 'team/web', 'other/tool']]);
      expect(await list({ sort: 'lastPushedAt' })).toEqual([3, ['team/web', 'team/api', 'other/tool']]);
      expect(await list({ sort: '-name', limit: 1, offset: 1 })).toEqual([3, ['team/api']]);
      expect(await list({ search: '%' })).toEqual([0, []]);
      expect((await ctx.store.dashboard.repositories(data.other.id)).items.map((r) => r.name)).toEqual([
        'team/api',
      ]);
    });

    it('counts each package’s images in the org only', async () => {
      const page = await ctx.store.dashboard.packages(data.org.id);
      expect(page.total).toBe(3);
      expect(page.items).toEqual([
        { type: 'npm', name: 'left-pad', version: '1.3.0', purl: 'pkg:npm/left-pad@1.3.0', images: 4 },
        { type: 'npm', name: 'lodash', version: '4.17.20', purl: 'pkg:npm/lodash@4.17.20', images: 4 },
        { type: 'npm', name: 'minimist', version: '1.2.5', purl: 'pkg:npm/minimist@1.2.5', images: 4 },
      ]);
      const webOnly = await ctx.store.dashboard.packages(data.org.id, {
        repositoryId: data.web.id,
        search: 'LOD',
      });
      expect(webOnly.items.map((p) => [p.name, p.images])).toEqual([['lodash', 1]]);
      const sorted = await ctx.store.dashboard.packages(data.org.id, { sort: '-name', limit: 2 });
      expect([sorted.total, sorted.items.map((p) => p.name)]).toEqual([3, ['minimist', 'lodash']]);
      expect((await ctx.store.dashboard.packages(data.org.id, { type: 'deb' })).total).toBe(0);
      const holders = await ctx.store.dashboard.imagesWithPackage(
        data.org.id,
        { type: 'npm', name: 'lodash', version: '4.17.20' },
        { limit: 2 },
      );
      expect(holders.total).toBe(4);
      expect(holders.items.map((i) => i.pushedAt)).toEqual([at(3), at(3)]);
      expect(
        (await ctx.store.dashboard.imagesWithPackage(data.other.id, { type: 'npm', name: 'lodash' })).total,
      ).toBe(1);
    });

    it('finds the images at a digest: a manifest, or an index’s platforms', async () => {
      const at = (repositoryId: string, n: number) =>
        ctx.store.dashboard
          .imagesAt(data.org.id, repositoryId, sampleDigest(n))
          .then((images) => images.map((i) => [i.platform, i.digest]));
      expect(await at(data.api.id, 100)).toEqual([
        ['linux/amd64', sampleDigest(101)],
        ['linux/arm64', sampleDigest(102)],
      ]);
      expect(await at(data.api.id, 103)).toEqual([['linux/amd64', sampleDigest(103)]]);
      expect(await at(data.web.id, 100)).toEqual([]);
      expect(await ctx.store.dashboard.imagesAt(data.other.id, data.api.id, sampleDigest(100))).toEqual([]);
    });

    it('groups vulnerabilities: worst severity, highest CVSS, fix, KEV, images', async () => {
      const page = await ctx.store.dashboard.vulnerabilities(data.org.id);
      expect(page.total).toBe(5);
      expect(page.items).toEqual([
        {
          id: 'CVE-2021-1000',
          severity: 'critical',
          cvss: 9.8,
          fixAvailable: true,
          kev: false,
          images: 3,
          packages: 1,
        },
        {
          id: 'CVE-2021-1001',
          severity: 'critical',
          cvss: 9.8,
          fixAvailable: true,
          kev: false,
          images: 1,
          packages: 1,
        },
        { id: 'CVE-2024-7777', severity: 'critical', fixAvailable: false, kev: true, images: 1, packages: 1 },
        {
          id: 'CVE-2020-2000',
          severity: 'high',
          cvss: 7.5,
          fixAvailable: true,
          kev: false,
          images: 3,
          packages: 1,
        },
        {
          id: 'CVE-2019-3000',
          severity: 'low',
          cvss: 3.1,
          fixAvailable: true,
          kev: false,
          images: 3,
          packages: 1,
        },
      ]);
      const ids = (q: Parameters<Store['dashboard']['vulnerabilities']>[1]) =>
        ctx.store.dashboard.vulnerabilities(data.org.id, q).then((p) => [p.total, p.items.map((v) => v.id)]);
      expect(await ids({ kev: true })).toEqual([1, ['CVE-2024-7777']]);
      expect(await ids({ fixAvailable: false })).toEqual([1, ['CVE-2024-7777']]);
      expect(await ids({ severity: 'high' })).toEqual([1, ['CVE-2020-2000']]);
      expect(await ids({ search: 'minim' })).toEqual([2, ['CVE-2024-7777', 'CVE-2020-2000']]);
      expect(await ids({ repositoryId: data.web.id })).toEqual([1, ['CVE-2024-7777']]);
      expect(await ids({ sort: 'severity', limit: 2 })).toEqual([5, ['CVE-2019-3000', 'CVE-2020-2000']]);
      expect(await ids({ sort: '-images', limit: 3 })).toEqual([
        5,
        ['CVE-2019-3000', 'CVE-2020-2000', 'CVE-2021-1000'],
      ]);
      expect(await ids({ sort: 'cvss', limit: 1 })).toEqual([5, ['CVE-2024-7777']]);
      expect(await ids({ sort: '-id', limit: 1 })).toEqual([5, ['CVE-2024-7777']]);
      expect((await ctx.store.dashboard.vulnerabilities(data.other.id)).total).toBe(3);
    });

    it('lists the images a vulnerability affects, in the given orgs only', async () => {
      const affected = await ctx.store.dashboard.affectedImages([data.org.id], ['CVE-2020-2000', 'GHSA-x']);
      expect(affected.total).toBe(3);
      expect(affected.items[0]).toMatchObject({
        orgId: data.org.id,
        repositoryName: 'team/api',
        packageName: 'minimist',
        packageVersion: '1.2.5',
        severity: 'high',
        fixState: 'fixed',
        fixedVersions: ['9.9.9'],
      });
      const both = await ctx.store.dashboard.affectedImages([data.org.id, data.other.id], ['CVE-2020-2000']);
      expect(both.total).toBe(4);
      expect((await ctx.store.dashboard.affectedImages([], ['CVE-2020-2000'])).total).toBe(0);
      expect((await ctx.store.dashboard.affectedImages([data.org.id], ['CVE-1999-0001'])).total).toBe(0);
    });

    it('gives totals on a page past the end, and a version that moves with every saved analysis', async () => {
      const far = await ctx.store.dashboard.vulnerabilities(data.org.id, { offset: 100 });
      expect([far.items, far.total]).toEqual([[], 5]);
      const farPackages = await ctx.store.dashboard.packages(data.org.id, { offset: 100 });
      expect([farPackages.items, farPackages.total]).toEqual([[], 3]);
      const before = await ctx.store.dashboard.version(data.org.id);
      expect(await ctx.store.dashboard.version(data.org.id)).toBe(before);
      const otherBefore = await ctx.store.dashboard.version(data.other.id);
      await ctx.store.images.saveEvaluation({
        imageId: data.images.old.id,
        at: '2026-03-01T00:00:00.000Z',
        report: sampleReport(sampleSbom(sampleDigest(103)), 1),
        packageKeys: [],
      });
      const after = await ctx.store.dashboard.version(data.org.id);
      expect(after).not.toBe(before);
      expect(await ctx.store.dashboard.version(data.other.id)).toBe(otherBefore);
      // a re-analysis dated earlier than the newest still changes it when its counts change
      await ctx.store.images.saveAnalysis(
        sampleWrite({
          orgId: data.org.id,
          repositoryId: data.web.id,
          digest: sampleDigest(104),
          at: '2025-12-01T00:00:00.000Z',
          report: sampleReport(sampleSbom(sampleDigest(104)), 4),
        }),
      );
      expect(await ctx.store.dashboard.version(data.org.id)).not.toBe(after);
      // repository changes the repository list shows: a new one, a mode, a push, a moved tag, an index
      const steps: (() => Promise<unknown>)[] = [
        () => ctx.store.repositories.ensure(data.org.id, data.api.registryId, 'team/new'),
        () => ctx.store.repositories.setMode(data.org.id, data.tool.id, 'continuous', null),
        () =>
          ctx.store.repositories.recordPush(data.tool.id, { tag: 'a', digest: sampleDigest(1), at: at(9) }),
        () =>
          ctx.store.repositories.recordPush(data.tool.id, {
            tag: 'b',
            digest: sampleDigest(2),
            at: at(8),
            lastPushed: false,
          }),
        () => ctx.store.repositories.recordIndex(data.tool.id, sampleDigest(1), [sampleDigest(3)]),
      ];
      for (const step of steps) {
        const previous = await ctx.store.dashboard.version(data.org.id);
        await step();
        expect(await ctx.store.dashboard.version(data.org.id), step.toString()).not.toBe(previous);
      }
      const empty = await ctx.store.orgs.create({ slug: unique('d'), name: 'empty' });
      expect(typeof (await ctx.store.dashboard.version(empty.id))).toBe('string');
    });
  });
}
