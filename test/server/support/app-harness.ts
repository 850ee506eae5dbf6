import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OpenAPIHono } from '@hono/zod-openapi';
import { createApp } from '../../../src/server/app.js';
import type { AppEnv } from '../../../src/server/context.js';
import { createServices } from '../../../src/service/index.js';
import { jsonLogger } from '../../../src/service/log.js';
import { secretBox } from '../../../src/service/secrets.js';
import type { ServiceHooks, Services, Worker } from '../../../src/service/types.js';
import { openStore } from '../../../src/store/open.js';
import type { OpenStoreOptions, Role } from '../../../src/store/types.js';

// biome-ignore lint/suspicious/noExplicitAny: tests read response fields directly and assert them one by one
export type JsonBody = any;

export interface TestApp {
  app: OpenAPIHono<AppEnv>;
  services: Services;
  worker: Worker;
  dir: string;
  logs: string[];
  /** JSON request helper: `call('POST', '/api/…', { token, body })`. */
  call(
    method: string,
    path: string,
    init?: CallInit,
  ): Promise<{ status: number; body: JsonBody; headers: Headers }>;
  close(): Promise<void>;
}

export interface CallInit {
  token?: string;
  cookie?: string;
  body?: unknown;
  raw?: string;
  headers?: Record<string, string>;
}

export interface TestAppOptions {
  store?: OpenStoreOptions;
  advisoryDbPath?: string;
  bodyLimitBytes?: number;
  hooks?: ServiceHooks;
}

export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'crowsnest-app-'));
  const store = await openStore(options.store ?? { sqlitePath: join(dir, 'crowsnest.db') });
  const logs: string[] = [];
  const log = jsonLogger({ write: (line) => void logs.push(line), level: 'debug' });
  const { services, worker } = createServices({
    store,
    secrets: secretBox(randomBytes(32)),
    log,
    ...(options.hooks ? { hooks: options.hooks } : {}),
    advisoryDbPath: options.advisoryDbPath ?? join(dir, 'advisories.db'),
    worker: { pollMs: 50, leaseMs: 5000, backoff: { baseMs: 50, maxMs: 200 } },
    env: { ...process.env, CROWSNEST_CACHE_DIR: join(dir, 'cache') },
  });
  const app = createApp({
    services,
    ...(options.bodyLimitBytes ? { bodyLimitBytes: options.bodyLimitBytes } : {}),
  });
  const call: TestApp['call'] = async (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.token) headers.authorization = `Bearer ${init.token}`;
    if (init.cookie) headers.cookie = init.cookie;
    let payload: string | undefined = init.raw;
    if (init.body !== undefined) {
      payload = JSON.stringify(init.body);
      headers['content-type'] ??= 'application/json';
    }
    const res = await app.request(path, {
      method,
      headers,
      ...(payload !== undefined ? { body: payload } : {}),
    });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: res.status, body, headers: res.headers };
  };
  return {
    app,
    services,
    worker,
    dir,
    logs,
    call,
    close: async () => {
      await worker.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Team {
  orgSlug: string;
  orgId: string;
  tokens: Record<Role, string>;
  userIds: Record<Role, string>;
}

/** An owner through the trusted bootstrap, an editor and a member, each with an API token of their role. */
export async function makeTeam(t: TestApp, orgSlug = 'acme'): Promise<Team> {
  const { auth, store } = t.services;
  const owner = (await auth.needsSetup())
    ? (
        await auth.bootstrap(
          { email: `owner@${orgSlug}.test`, password: 'owner-password', orgSlug, orgName: orgSlug },
          'trusted',
        )
      ).user
    : undefined;
  let org = await store.orgs.getBySlug(orgSlug);
  let ownerId = owner?.id;
  if (!org) {
    org = await store.orgs.create({ slug: orgSlug, name: orgSlug });
    const { hashPassword } = await import('../../../src/service/passwords.js');
    const user = await store.users.create({
      email: `owner@${orgSlug}.test`,
      name: 'owner',
      passwordHash: await hashPassword('owner-password'),
    });
    await store.memberships.put(org.id, user.id, 'owner');
    ownerId = user.id;
  }
  const ownerAccess = {
    principal: { kind: 'session' as const, user: (await store.users.get(ownerId as string))! },
    org,
    role: 'owner' as const,
  };
  const editor = await auth.addMember(ownerAccess, {
    email: `editor@${orgSlug}.test`,
    password: 'editor-password',
    role: 'editor',
  });
  const member = await auth.addMember(ownerAccess, {
    email: `member@${orgSlug}.test`,
    password: 'member-password',
    role: 'member',
  });
  const users = { owner: ownerAccess.principal.user, editor, member };
  const tokens = {} as Record<Role, string>;
  for (const role of ['owner', 'editor', 'member'] as const) {
    const access = { principal: { kind: 'session' as const, user: users[role] }, org, role };
    tokens[role] = (await auth.createToken(access, { name: `${role} token` })).secret;
  }
  return {
    orgSlug,
    orgId: org.id,
    tokens,
    userIds: { owner: users.owner.id, editor: editor.id, member: member.id },
  };
}
