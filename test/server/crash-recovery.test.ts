import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advisoriesDir, cli } from '../cli/scan-support.js';
import { run } from '../fixtures/build/run.js';
import { ensureFixtures, type Fixtures } from '../fixtures/images.js';
import { type RunningRegistry, startRegistry } from '../harness/registry.js';
import type { JsonBody } from './support/app-harness.js';
import { type ServeProcess, startServeProcess } from './support/serve-process.js';
import { type StallProxy, startStallProxy } from './support/stall-proxy.js';

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function call(
  base: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: JsonBody }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function signInToken(base: string): Promise<string> {
  const session = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'owner@crash.test', password: 'owner-password' }),
  });
  const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] as string;
  const created = await fetch(`${base}/api/orgs/default/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie },
    body: JSON.stringify({ name: 'crash' }),
  });
  return ((await created.json()) as { secret: string }).secret;
}

describe('crash recovery: kill -9 of a serve process mid-job loses nothing and duplicates nothing', () => {
  let dir: string;
  let fixtures: Fixtures;
  let registry: RunningRegistry;
  let proxy: StallProxy;
  let env: NodeJS.ProcessEnv;
  let args: string[];
  const children: ServeProcess[] = [];

  beforeAll(async () => {
    fixtures = await ensureFixtures();
    dir = mkdtempSync(join(tmpdir(), 'crowsnest-crash-'));
    env = {
      CROWSNEST_CACHE_DIR: join(dir, 'cache'),
      CROWSNEST_BOOTSTRAP_OWNER: 'owner@crash.test:owner-password',
      CROWSNEST_JOB_LEASE_SECONDS: '2',
      CROWSNEST_JOB_POLL_MS: '100',
      CROWSNEST_JOB_BACKOFF_MS: '200',
    };
    const db = join(dir, 'advisories.db');
    const imported = await cli(['db', 'import', advisoriesDir, '--db', db], env);
    if (imported.code !== 0) throw new Error(`db import failed: ${imported.stderr}`);
    args = ['--data-dir', join(dir, 'data'), '--db', db, '--concurrency', '1'];
    registry = await startRegistry({ htpasswd: { alice: 'alice-secret' } });
    const push = (ref: string, to: string, extra: string[] = []) =>
      run('skopeo', [
        'copy',
        '--quiet',
        '--dest-tls-verify=false',
        '--dest-creds',
        'alice:alice-secret',
        ...extra,
        `oci:${fixtures.layout}:${ref}`,
        `docker://${registry.host}/${to}`,
      ]);
    await push('app', 'crash/app:1.0');
    await push('app', 'crash/other:1.0', ['--format', 'v2s2']);
    proxy = await startStallProxy(registry.url);
  });

  afterAll(async () => {
    for (const child of children) if (child.child.exitCode === null) child.child.kill('SIGKILL');
    proxy?.release();
    await proxy?.stop();
    await registry?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('picks the job up again after the lease and completes it once', async () => {
    const first = await startServeProcess(args, env);
    children.push(first);
    const token = await signInToken(first.url);
    const registered = await call(first.url, token, 'POST', '/api/orgs/default/registries', {
      name: 'behind a proxy',
      url: proxy.url,
      username: 'alice',
      password: 'alice-secret',
    });
    expect(registered.status).toBe(201);
    const polled = await call(
      first.url,
      token,
      'POST',
      `/api/orgs/default/registries/${registered.body.registry.id}/poll`,
    );
    expect(polled.body.repositories).toBe(2);
    const repos = await call(first.url, token, 'GET', '/api/orgs/default/repositories?search=crash/app');
    const repo = repos.body.items[0];
    proxy.stalled = true;
    const enabled = await call(
      first.url,
      token,
      'PUT',
      `/api/orgs/default/repositories/${repo.id}/settings`,
      { mode: 'point-in-time' },
    );
    expect(enabled.body.enqueued).toBe(1);
    // mid-job: the worker holds the lease and waits on a blob
    await until('a running job waiting on a blob', async () => {
      const jobs = await call(first.url, token, 'GET', '/api/orgs/default/jobs?state=running');
      return jobs.body.total === 1 && proxy.held > 0 ? true : undefined;
    });
    first.child.kill('SIGKILL');
    expect(await first.exited).toBe('SIGKILL');
    proxy.release();

    const second = await startServeProcess(args, env);
    children.push(second);
    const done = await until('the job done by the second process', async () => {
      const jobs = await call(second.url, token, 'GET', '/api/orgs/default/jobs');
      const job = jobs.body.items[0];
      if (job?.state === 'failed') throw new Error(`job failed: ${job.lastError}\n${second.output()}`);
      return job?.state === 'done' ? jobs.body : undefined;
    });
    expect(done.total).toBe(1);
    expect(done.items[0]).toMatchObject({ attempts: 2, digest: fixtures.expected.images.app.manifestDigest });
    const images = await call(second.url, token, 'GET', `/api/orgs/default/images?repositoryId=${repo.id}`);
    expect(images.body.total).toBe(1);
    const image = images.body.items[0];
    expect(image).toMatchObject({ mode: 'point-in-time', tags: ['1.0'] });
    expect(
      (await call(second.url, token, 'GET', `/api/orgs/default/images/${image.id}/history`)).body.items,
    ).toHaveLength(1);
    expect(
      (await call(second.url, token, 'GET', `/api/orgs/default/images/${image.id}/findings`)).body.total,
    ).toBeGreaterThan(0);

    // SIGTERM mid-job: the process stops taking work but finishes the running analysis before it exits
    const other = (await call(second.url, token, 'GET', '/api/orgs/default/repositories?search=crash/other'))
      .body.items[0];
    proxy.stalled = true;
    await call(second.url, token, 'PUT', `/api/orgs/default/repositories/${other.id}/settings`, {
      mode: 'continuous',
    });
    await until('the second job running', async () => {
      const jobs = await call(second.url, token, 'GET', '/api/orgs/default/jobs?state=running');
      return jobs.body.total === 1 && proxy.held > 1 ? true : undefined;
    });
    second.child.kill('SIGTERM');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(second.child.exitCode).toBeNull();
    proxy.release();
    expect(await second.exited).toBe(0);
    expect(second.output()).toMatch(/"msg":"stopped"/);

    const third = await startServeProcess(args, env);
    children.push(third);
    const jobs = await call(third.url, token, 'GET', '/api/orgs/default/jobs');
    expect(jobs.body.items.map((j: { state: string; attempts: number }) => [j.state, j.attempts])).toEqual([
      ['done', 1],
      ['done', 2],
    ]);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  });
});
