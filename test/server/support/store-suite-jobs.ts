import { describe, expect, it } from 'vitest';
import { claimInChild } from './claim-child.js';
import { type StoreFactory, unique, useStore } from './store-suite.js';

const t = (seconds: number): string => new Date(Date.UTC(2026, 0, 1, 0, 0, seconds)).toISOString();

/** The durable queue, notifications, subscriptions, integrations. */
export function jobsSuite(factory: StoreFactory): void {
  describe(`store job queue (${factory.label})`, () => {
    const ctx = useStore(factory);

    it('enqueues once per (kind, key)', async () => {
      const key = unique('org/repo/sha256:a');
      const first = await ctx.store.jobs.enqueue({ kind: 'analyze', key, payload: { n: 1 } }, { now: t(0) });
      const second = await ctx.store.jobs.enqueue({ kind: 'analyze', key, payload: { n: 2 } }, { now: t(1) });
      expect(first.created).toBe(true);
      expect(second).toEqual({ job: first.job, created: false });
      const other = await ctx.store.jobs.enqueue({ kind: 'deliver', key }, { now: t(0) });
      expect(other.created).toBe(true);
    });

    it('leases, renews, completes; a dead worker’s job is taken again after its lease', async () => {
      const kind = unique('k');
      const { job } = await ctx.store.jobs.enqueue({ kind, key: 'a', maxAttempts: 3 }, { now: t(0) });
      const [claimed] = await ctx.store.jobs.claim('w1', {
        kinds: [kind],
        leaseMs: 10_000,
        limit: 5,
        now: t(1),
      });
      expect(claimed).toMatchObject({
        id: job.id,
        state: 'running',
        attempts: 1,
        leaseOwner: 'w1',
        leaseUntil: t(11),
      });
      expect(
        await ctx.store.jobs.claim('w2', { kinds: [kind], leaseMs: 10_000, limit: 5, now: t(5) }),
      ).toEqual([]);
      expect(await ctx.store.jobs.heartbeat(job.id, 'w1', t(15))).toBe(true);
      expect(
        await ctx.store.jobs.claim('w2', { kinds: [kind], leaseMs: 10_000, limit: 5, now: t(12) }),
      ).toEqual([]);
      // w1 dies: after the lease w2 takes the job, and w1 can no longer finish it
      const [retaken] = await ctx.store.jobs.claim('w2', {
        kinds: [kind],
        leaseMs: 10_000,
        limit: 5,
        now: t(16),
      });
      expect(retaken).toMatchObject({ id: job.id, attempts: 2, leaseOwner: 'w2' });
      expect(await ctx.store.jobs.complete(job.id, 'w1', t(17))).toBe(false);
      expect(await ctx.store.jobs.heartbeat(job.id, 'w1', t(30))).toBe(false);
      expect(await ctx.store.jobs.complete(job.id, 'w2', t(18))).toBe(true);
      expect(await ctx.store.jobs.complete(job.id, 'w2', t(19))).toBe(false);
      expect(await ctx.store.jobs.get(job.id)).toMatchObject({ state: 'done', finishedAt: t(18) });
      expect(
        await ctx.store.jobs.claim('w3', { kinds: [kind], leaseMs: 10_000, limit: 5, now: t(100) }),
      ).toEqual([]);
    });

    it('retries with backoff, then fails for good; a failed job can be queued again', async () => {
      const kind = unique('k');
      const { job } = await ctx.store.jobs.enqueue({ kind, key: 'a', maxAttempts: 2 }, { now: t(0) });
      await ctx.store.jobs.claim('w', { kinds: [kind], leaseMs: 1000, limit: 1, now: t(0) });
      expect(await ctx.store.jobs.fail(job.id, 'w', 'registry down', t(10), t(1))).toBe(true);
      expect(await ctx.store.jobs.get(job.id)).toMatchObject({
        state: 'queued',
        runAfter: t(10),
        lastError: 'registry down',
      });
      expect(await ctx.store.jobs.claim('w', { kinds: [kind], leaseMs: 1000, limit: 1, now: t(5) })).toEqual(
        [],
      );
      await ctx.store.jobs.claim('w', { kinds: [kind], leaseMs: 1000, limit: 1, now: t(10) });
      await ctx.store.jobs.fail(job.id, 'w', 'still down', t(30), t(11));
      expect(await ctx.store.jobs.get(job.id)).toMatchObject({
        state: 'failed',
        attempts: 2,
        finishedAt: t(11),
      });
      const kept = await ctx.store.jobs.enqueue({ kind, key: 'a' }, { now: t(40) });
      expect(kept.created).toBe(false);
      const again = await ctx.store.jobs.enqueue({ kind, key: 'a' }, { now: t(40), retryFailed: true });
      expect(again).toMatchObject({ created: true, job: { id: job.id, state: 'queued', attempts: 0 } });
    });

    it('fails a job whose worker died on its last attempt instead of running it again', async () => {
      const kind = unique('k');
      const { job } = await ctx.store.jobs.enqueue({ kind, key: 'a', maxAttempts: 1 }, { now: t(0) });
      await ctx.store.jobs.claim('w1', { kinds: [kind], leaseMs: 1000, limit: 1, now: t(0) });
      expect(await ctx.store.jobs.claim('w2', { kinds: [kind], leaseMs: 1000, limit: 1, now: t(5) })).toEqual(
        [],
      );
      expect((await ctx.store.jobs.get(job.id))?.state).toBe('failed');
    });

    it('never gives one job to two claimers in separate processes', async () => {
      const kind = unique('k');
      for (let i = 0; i < 120; i++) await ctx.store.jobs.enqueue({ kind, key: `j${i}` }, { now: t(0) });
      const startAt = Date.now() + 1500;
      const children = [1, 2, 3].map((n) => claimInChild(ctx.options, kind, `child${n}`, startAt, t(1)));
      await new Promise((resolve) => setTimeout(resolve, startAt - Date.now()));
      const mine: string[] = [];
      for (;;) {
        const jobs = await ctx.store.jobs.claim('parent', {
          kinds: [kind],
          leaseMs: 60_000,
          limit: 1,
          now: t(1),
        });
        if (!jobs.length) break;
        mine.push(...jobs.map((j) => j.id));
      }
      const lists = [mine, ...(await Promise.all(children))];
      const all = lists.flat();
      // they really ran side by side: the work was shared
      expect(lists.filter((list) => list.length > 0).length).toBeGreaterThanOrEqual(2);
      expect(new Set(all).size).toBe(120);
      expect(all).toHaveLength(120);
      const listed = await ctx.store.jobs.list({ kind, state: 'running', limit: 10 });
      expect(listed.total).toBe(120);
      expect(listed.items).toHaveLength(10);
      expect((await ctx.store.jobs.counts()).running).toBeGreaterThanOrEqual(120);
    });
  });

  describe(`store notifications (${factory.label})`, () => {
    const ctx = useStore(factory);

    it('keeps a feed per user with unread counts', async () => {
      const org = await ctx.store.orgs.create({ slug: unique('n'), name: 'N' });
      const user = await ctx.store.users.create({
        email: `${unique('n')}@x.io`,
        name: 'N',
        passwordHash: 'h',
      });
      const base = {
        orgId: org.id,
        userId: user.id,
        repositoryId: 'r1',
        kind: 'vulnerability',
        severity: 'high' as const,
        title: 'x',
        body: { cve: 'CVE-1' },
      };
      const made = await ctx.store.notifications.create([base, { ...base, title: 'y' }], t(0));
      expect(await ctx.store.notifications.unreadCount(org.id, user.id)).toBe(2);
      expect(await ctx.store.notifications.markRead(org.id, user.id, [made[0]!.id], t(1))).toBe(1);
      const unread = await ctx.store.notifications.list(org.id, user.id, { unreadOnly: true });
      expect(unread.items.map((n) => n.title)).toEqual(['y']);
      expect(unread.items[0]?.body).toEqual({ cve: 'CVE-1' });
      expect(await ctx.store.notifications.markRead(org.id, user.id, 'all', t(2))).toBe(1);
      expect(await ctx.store.notifications.unreadCount(org.id, user.id)).toBe(0);
    });

    it('subscribes members to all repositories unless they choose some', async () => {
      const org = await ctx.store.orgs.create({ slug: unique('n'), name: 'N' });
      const a = await ctx.store.users.create({ email: `${unique('a')}@x.io`, name: 'A', passwordHash: 'h' });
      const b = await ctx.store.users.create({ email: `${unique('b')}@x.io`, name: 'B', passwordHash: 'h' });
      await ctx.store.memberships.put(org.id, a.id, 'owner');
      await ctx.store.memberships.put(org.id, b.id, 'member');
      expect((await ctx.store.subscriptions.get(org.id, b.id)).scope).toBe('all');
      await ctx.store.subscriptions.set({
        orgId: org.id,
        userId: b.id,
        scope: 'selected',
        repositoryIds: ['r2', 'r2'],
      });
      expect((await ctx.store.subscriptions.get(org.id, b.id)).repositoryIds).toEqual(['r2']);
      expect((await ctx.store.subscriptions.subscribersOf(org.id, 'r1')).sort()).toEqual([a.id]);
      expect((await ctx.store.subscriptions.subscribersOf(org.id, 'r2')).sort()).toEqual([a.id, b.id].sort());
    });

    it('keeps integrations per org', async () => {
      const org = await ctx.store.orgs.create({ slug: unique('i'), name: 'I' });
      const other = await ctx.store.orgs.create({ slug: unique('i'), name: 'J' });
      const hook = await ctx.store.integrations.create({
        orgId: org.id,
        kind: 'webhook',
        name: 'team',
        url: 'http://127.0.0.1:1/hook',
        enabled: true,
        secretSealed: 'sealed',
      });
      expect(await ctx.store.integrations.get(other.id, hook.id)).toBeUndefined();
      expect((await ctx.store.integrations.update(org.id, hook.id, { enabled: false }))?.enabled).toBe(false);
      expect(await ctx.store.integrations.list(org.id)).toHaveLength(1);
      expect(await ctx.store.integrations.delete(other.id, hook.id)).toBe(false);
      expect(await ctx.store.integrations.delete(org.id, hook.id)).toBe(true);
    });
  });
}
