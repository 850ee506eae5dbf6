import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/service/log.js';
import { backoffMs, createWorker } from '../../src/service/worker.js';
import { openStore } from '../../src/store/open.js';
import type { Store } from '../../src/store/types.js';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

async function until(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(20);
  }
}

describe('durable worker', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crowsnest-worker-'));
    store = await openStore({ sqlitePath: join(dir, 'store.db') });
  });
  afterAll(async () => {
    await store?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('doubles the backoff per attempt up to the cap, with jitter', () => {
    const b = { baseMs: 1000, maxMs: 5000 };
    expect([1, 2, 3, 4, 9].map((n) => backoffMs(n, b, () => 0.5))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(backoffMs(1, b, () => 0)).toBe(800);
    expect(backoffMs(1, b, () => 1)).toBe(1200);
  });

  it('retries a failing job with backoff until it succeeds', async () => {
    const worker = createWorker(store, silentLogger, { pollMs: 20, backoff: { baseMs: 50, maxMs: 100 } });
    const seen: number[] = [];
    worker.handlers.set('flaky', async (job) => {
      seen.push(Date.now());
      if (job.attempts < 3) throw new AppError('E_REGISTRY_UNREACHABLE', 'registry down');
    });
    const { job } = await store.jobs.enqueue({ kind: 'flaky', key: 'a' });
    worker.start();
    await until(async () => (await store.jobs.get(job.id))?.state === 'done');
    await worker.stop();
    expect(seen).toHaveLength(3);
    expect((seen[1] as number) - (seen[0] as number)).toBeGreaterThanOrEqual(35);
    expect(await store.jobs.get(job.id)).toMatchObject({ attempts: 3, state: 'done' });
  });

  it('fails at once on errors about the input itself', async () => {
    const worker = createWorker(store, silentLogger, { pollMs: 20 });
    worker.handlers.set('bad-input', async () => {
      throw new AppError('E_MANIFEST_INVALID', 'not an image');
    });
    const { job } = await store.jobs.enqueue({ kind: 'bad-input', key: 'a' });
    await worker.runOnce();
    expect(await store.jobs.get(job.id)).toMatchObject({
      state: 'failed',
      attempts: 1,
      lastError: 'E_MANIFEST_INVALID: not an image',
    });
  });

  it('renews its lease while a long job runs, so nobody else takes it', async () => {
    const worker = createWorker(store, silentLogger, { leaseMs: 300, pollMs: 20 });
    worker.handlers.set('long', () => sleep(1000));
    const { job } = await store.jobs.enqueue({ kind: 'long', key: 'a' });
    const running = worker.runOnce();
    await sleep(600);
    expect(await store.jobs.claim('intruder', { kinds: ['long'], leaseMs: 1000, limit: 1 })).toEqual([]);
    await running;
    expect(await store.jobs.get(job.id)).toMatchObject({ state: 'done', attempts: 1 });
  });

  it('runs at most `concurrency` jobs at once, and stop() waits for them', async () => {
    const worker = createWorker(store, silentLogger, { concurrency: 2, pollMs: 10 });
    let active = 0;
    let peak = 0;
    let finished = 0;
    worker.handlers.set('slow', async () => {
      active++;
      peak = Math.max(peak, active);
      await sleep(150);
      active--;
      finished++;
    });
    for (let i = 0; i < 5; i++) await store.jobs.enqueue({ kind: 'slow', key: `s${i}` });
    worker.start();
    await until(async () => finished >= 1);
    await worker.stop();
    expect(active).toBe(0);
    expect(peak).toBe(2);
    const states = (await store.jobs.list({ kind: 'slow' })).items.map((j) => j.state);
    expect(states.filter((s) => s === 'running')).toEqual([]);
    expect(states.filter((s) => s === 'done').length).toBe(finished);
  });

  it('claims only the kinds it has handlers for', async () => {
    const worker = createWorker(store, silentLogger);
    const { job } = await store.jobs.enqueue({ kind: 'someone-elses', key: 'a' });
    worker.handlers.set('mine', async () => {});
    expect(await worker.runOnce()).toBe(0);
    expect((await store.jobs.get(job.id))?.state).toBe('queued');
  });
});
