import { describe, expect, it } from 'vitest';
import type { Store } from '../../../src/store/types.js';
import { sampleDigest, sampleReport, sampleSbom, sampleWrite } from './sample-analysis.js';
import { rejectsWith, type StoreFactory, unique, useStore } from './store-suite.js';

async function orgWithRepository(store: Store, cap: number | null = null) {
  const org = await store.orgs.create({
    slug: unique('o'),
    name: 'O',
    settings: { maxEnabledRepositories: cap },
  });
  const registry = await store.registries.create({
    orgId: org.id,
    name: 'r',
    url: 'http://127.0.0.1:5000',
    webhookSecretHash: 'x',
  });
  const repository = await store.repositories.ensure(org.id, registry.id, 'demo/app');
  return { org, registry, repository };
}

/** Registries, repositories, images and their analyses, the package index, environments. */
export function imagesSuite(factory: StoreFactory): void {
  describe(`store registries, repositories and images (${factory.label})`, () => {
    const ctx = useStore(factory);

    it('keeps registries per org and knows which polls are due', async () => {
      const { org, registry } = await orgWithRepository(ctx.store);
      const other = await ctx.store.orgs.create({ slug: unique('o'), name: 'P' });
      expect(await ctx.store.registries.get(other.id, registry.id)).toBeUndefined();
      expect((await ctx.store.registries.getById(registry.id))?.orgId).toBe(org.id);
      await ctx.store.registries.update(org.id, registry.id, { pollIntervalSeconds: 60, username: 'bob' });
      const due = await ctx.store.registries.listDueForPoll('2026-01-01T00:00:00.000Z');
      expect(due.map((r) => r.id)).toContain(registry.id);
      await ctx.store.registries.markPolled(registry.id, '2026-01-01T00:00:00.000Z');
      expect(
        (await ctx.store.registries.listDueForPoll('2026-01-01T00:00:30.000Z')).map((r) => r.id),
      ).not.toContain(registry.id);
      expect(
        (await ctx.store.registries.listDueForPoll('2026-01-01T00:01:00.000Z')).map((r) => r.id),
      ).toContain(registry.id);
      expect(await ctx.store.registries.update(other.id, registry.id, { name: 'stolen' })).toBeUndefined();
      expect((await ctx.store.registries.get(org.id, registry.id))?.username).toBe('bob');
    });

    it('lists repositories with filters, sorting and totals', async () => {
      const { org, registry } = await orgWithRepository(ctx.store);
      for (const name of ['team/api', 'team/web', 'other/tool_x'])
        await ctx.store.repositories.ensure(org.id, registry.id, name);
      const again = await ctx.store.repositories.ensure(org.id, registry.id, 'team/api');
      const page = await ctx.store.repositories.list(org.id, { limit: 2, sort: 'name' });
      expect(page.total).toBe(4);
      expect(page.items.map((r) => r.name)).toEqual(['demo/app', 'other/tool_x']);
      const search = await ctx.store.repositories.list(org.id, { search: 'TEAM' });
      expect(search.items.map((r) => r.name)).toEqual(['team/api', 'team/web']);
      expect((await ctx.store.repositories.list(org.id, { search: 'L_X' })).total).toBe(1);
      expect((await ctx.store.repositories.list(org.id, { search: '%' })).total).toBe(0);
      expect(again.mode).toBe('none');
    });

    it('caps enabled repositories and changes nothing over the cap', async () => {
      const { org, registry, repository } = await orgWithRepository(ctx.store, 1);
      const second = await ctx.store.repositories.ensure(org.id, registry.id, 'demo/second');
      await ctx.store.repositories.setMode(org.id, repository.id, 'continuous', 1);
      await ctx.store.repositories.setMode(org.id, repository.id, 'point-in-time', 1);
      await rejectsWith(
        ctx.store.repositories.setMode(org.id, second.id, 'continuous', 1),
        'E_LIMIT_EXCEEDED',
      );
      expect((await ctx.store.repositories.get(org.id, second.id))?.mode).toBe('none');
      expect(await ctx.store.repositories.countEnabled(org.id)).toBe(1);
      const other = await ctx.store.orgs.create({ slug: unique('o'), name: 'P' });
      await rejectsWith(
        ctx.store.repositories.setMode(other.id, second.id, 'continuous', null),
        'E_NOT_FOUND',
      );
    });

    it('tracks tag pointers and the last-pushed tag, newest push winning', async () => {
      const { org, repository } = await orgWithRepository(ctx.store);
      await ctx.store.repositories.recordPush(repository.id, {
        tag: '1.0',
        digest: sampleDigest(1),
        at: '2026-01-02T00:00:00.000Z',
      });
      await ctx.store.repositories.recordPush(repository.id, {
        tag: '0.9',
        digest: sampleDigest(2),
        at: '2026-01-01T00:00:00.000Z',
      });
      await ctx.store.repositories.recordPush(repository.id, {
        tag: '1.0',
        digest: sampleDigest(3),
        at: '2026-01-01T12:00:00.000Z',
      });
      const repo = await ctx.store.repositories.get(org.id, repository.id);
      expect([repo?.lastPushedTag, repo?.lastPushedDigest]).toEqual(['1.0', sampleDigest(1)]);
      const tags = await ctx.store.repositories.tags(org.id, repository.id);
      expect(tags.map((t) => [t.tag, t.digest])).toEqual([
        ['1.0', sampleDigest(1)],
        ['0.9', sampleDigest(2)],
      ]);
    });

    it('saves an analysis idempotently and reads it back', async () => {
      const { org, repository } = await orgWithRepository(ctx.store);
      const digest = sampleDigest(10);
      await ctx.store.repositories.recordPush(repository.id, {
        tag: 'latest',
        digest,
        at: '2026-01-02T00:00:00.000Z',
      });
      const write = sampleWrite({ orgId: org.id, repositoryId: repository.id, digest });
      const first = await ctx.store.images.saveAnalysis(write);
      const second = await ctx.store.images.saveAnalysis({ ...write, at: '2026-01-02T00:00:05.000Z' });
      expect(second.id).toBe(first.id);
      expect(second.tags).toEqual(['latest']);
      expect(second.summary).toEqual({
        counts: { critical: 1, high: 1, medium: 0, low: 1, unspecified: 0 },
        packages: 3,
        vulnerablePackages: 2,
        fixable: 3,
      });
      expect((await ctx.store.images.list(org.id, { repositoryId: repository.id })).total).toBe(1);
      expect(await ctx.store.images.history(org.id, first.id)).toHaveLength(1);
      const findings = await ctx.store.images.findings(org.id, first.id);
      expect(findings.items.map((f) => [f.vulnerabilityId, f.severity, f.packageName])).toEqual([
        ['CVE-2021-1000', 'critical', 'lodash'],
        ['CVE-2020-2000', 'high', 'minimist'],
        ['CVE-2019-3000', 'low', 'lodash'],
      ]);
      expect(findings.items[0]).toMatchObject({
        cvss: 9.8,
        fixState: 'fixed',
        fixedVersions: ['9.9.9'],
        kev: false,
      });
      expect((await ctx.store.images.findings(org.id, first.id, { severity: 'high' })).total).toBe(1);
      expect((await ctx.store.images.sbom(org.id, first.id))?.packages).toEqual(write.sbom.packages);
      const report = await ctx.store.images.report(org.id, first.id);
      expect(report?.findings).toEqual(write.report.findings);
      expect(report?.packages).toHaveLength(3);
      const other = await ctx.store.orgs.create({ slug: unique('o'), name: 'P' });
      expect(await ctx.store.images.get(other.id, first.id)).toBeUndefined();
      expect(await ctx.store.images.report(other.id, first.id)).toBeUndefined();
      expect((await ctx.store.images.findings(other.id, first.id)).total).toBe(0);
    });

    it('derives tags through indexes and filters images by tag', async () => {
      const { org, repository } = await orgWithRepository(ctx.store);
      const index = sampleDigest(20);
      const later = sampleDigest(24);
      await ctx.store.repositories.recordPush(repository.id, {
        tag: '2.0',
        digest: index,
        at: '2026-01-03T00:00:00.000Z',
      });
      await ctx.store.repositories.recordPush(repository.id, {
        tag: '2.0.1',
        digest: later,
        at: '2026-01-03T01:00:00.000Z',
      });
      for (const n of [21, 22]) {
        const digest = sampleDigest(n);
        await ctx.store.images.saveAnalysis(
          sampleWrite({ orgId: org.id, repositoryId: repository.id, digest, indexDigest: index }),
        );
      }
      await ctx.store.repositories.recordIndex(repository.id, index, [sampleDigest(21), sampleDigest(22)]);
      // a later index shares the amd64 manifest: that image carries both tags
      await ctx.store.repositories.recordIndex(repository.id, later, [sampleDigest(21), sampleDigest(21)]);
      await ctx.store.images.saveAnalysis(
        sampleWrite({ orgId: org.id, repositoryId: repository.id, digest: sampleDigest(23) }),
      );
      const tagged = await ctx.store.images.list(org.id, { tag: '2.0' });
      expect(tagged.items.map((i) => i.digest).sort()).toEqual([sampleDigest(21), sampleDigest(22)]);
      const byDigest = new Map(tagged.items.map((i) => [i.digest, i.tags]));
      expect(byDigest.get(sampleDigest(21))).toEqual(['2.0', '2.0.1']);
      expect(byDigest.get(sampleDigest(22))).toEqual(['2.0']);
      expect((await ctx.store.images.list(org.id, { tag: '2.0.1' })).items.map((i) => i.digest)).toEqual([
        sampleDigest(21),
      ]);
      // the tag moves to a plain manifest: the index's images lose it
      await ctx.store.repositories.recordPush(repository.id, {
        tag: '2.0',
        digest: sampleDigest(23),
        at: '2026-01-04T00:00:00.000Z',
      });
      expect((await ctx.store.images.list(org.id, { tag: '2.0' })).items.map((i) => i.digest)).toEqual([
        sampleDigest(23),
      ]);
      expect((await ctx.store.images.getByDigest(org.id, repository.id, sampleDigest(22)))?.tags).toEqual([]);
    });

    it('re-evaluates continuous images only, adding history', async () => {
      const { org, repository } = await orgWithRepository(ctx.store);
      const live = await ctx.store.images.saveAnalysis(
        sampleWrite({ orgId: org.id, repositoryId: repository.id, digest: sampleDigest(30) }),
      );
      const frozen = await ctx.store.images.saveAnalysis(
        sampleWrite({
          orgId: org.id,
          repositoryId: repository.id,
          digest: sampleDigest(31),
          mode: 'point-in-time',
        }),
      );
      const report = sampleReport(sampleSbom(sampleDigest(30)), 3);
      const keys = [{ ecosystem: 'npm', name: 'lodash' }];
      const updated = await ctx.store.images.saveEvaluation({
        imageId: live.id,
        at: '2026-02-01T00:00:00.000Z',
        report,
        packageKeys: keys,
        operationId: 7,
      });
      expect(updated.summary.counts.critical).toBe(3);
      expect(updated.evaluatedAt).toBe('2026-02-01T00:00:00.000Z');
      const history = await ctx.store.images.history(org.id, live.id);
      expect(history.map((h) => [h.reason, h.counts.critical, h.operationId])).toEqual([
        ['analysis', 1, undefined],
        ['re-evaluation', 3, 7],
      ]);
      await rejectsWith(
        ctx.store.images.saveEvaluation({
          imageId: frozen.id,
          at: '2026-02-01T00:00:00.000Z',
          report,
          packageKeys: keys,
        }),
        'E_CONFLICT',
      );
      expect((await ctx.store.images.get(org.id, frozen.id))?.summary.counts.critical).toBe(1);
      const hits = await ctx.store.packageIndex.imagesFor([
        { ecosystem: 'npm', name: 'lodash' },
        { ecosystem: 'npm', name: 'absent' },
      ]);
      const ids = hits.map((h) => h.imageId);
      expect(ids).toContain(live.id);
      expect(ids).not.toContain(frozen.id);
      expect(await ctx.store.packageIndex.keysOf(live.id)).toEqual(keys);
      expect(await ctx.store.packageIndex.imagesFor([])).toEqual([]);
    });

    it('records one digest per environment and repository, never across orgs', async () => {
      const { org, repository } = await orgWithRepository(ctx.store);
      const other = await ctx.store.orgs.create({ slug: unique('o'), name: 'P' });
      const at = '2026-01-01T00:00:00.000Z';
      await ctx.store.environments.record({
        orgId: org.id,
        repositoryId: repository.id,
        name: 'production',
        digest: sampleDigest(1),
        recordedAt: at,
      });
      await ctx.store.environments.record({
        orgId: org.id,
        repositoryId: repository.id,
        name: 'production',
        digest: sampleDigest(2),
        recordedAt: at,
        recordedBy: 'u1',
      });
      await ctx.store.environments.record({
        orgId: other.id,
        repositoryId: repository.id,
        name: 'production',
        digest: sampleDigest(3),
        recordedAt: at,
      });
      const list = await ctx.store.environments.list(org.id);
      expect(list.map((e) => [e.name, e.digest, e.recordedBy])).toEqual([
        ['production', sampleDigest(2), 'u1'],
      ]);
      expect(await ctx.store.environments.list(other.id)).toEqual([]);
    });

    it('deleting a registry removes its repositories and images', async () => {
      const { org, registry, repository } = await orgWithRepository(ctx.store);
      const image = await ctx.store.images.saveAnalysis(
        sampleWrite({ orgId: org.id, repositoryId: repository.id, digest: sampleDigest(40) }),
      );
      expect(await ctx.store.registries.delete(org.id, registry.id)).toBe(true);
      expect(await ctx.store.repositories.get(org.id, repository.id)).toBeUndefined();
      expect(await ctx.store.images.get(org.id, image.id)).toBeUndefined();
      expect(await ctx.store.packageIndex.keysOf(image.id)).toEqual([]);
    });
  });
}
