import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { serverConfig } from '../../src/server/config.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { silentLogger } from '../../src/service/log.js';
import type { Repository } from '../../src/store/types.js';
import { sampleDigest, sampleWrite } from './support/sample-analysis.js';

/** `crowsnest …` in-process against a real server, with its own config file. */
async function cli(args: string[], env: NodeJS.ProcessEnv) {
  const io = captureIo(env);
  const code = await main(args, io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}

describe('CLI against a server: login, repo enable|disable|list, environment', () => {
  let dir: string;
  let server: RunningServer;
  let env: NodeJS.ProcessEnv;
  let repository: Repository;
  const configFile = () => join(dir, 'home', 'crowsnest.json');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crowsnest-cli-client-'));
    const serverEnv = {
      ...process.env,
      CROWSNEST_CACHE_DIR: join(dir, 'cache'),
      CROWSNEST_BOOTSTRAP_OWNER: 'owner@cli.test:owner-password',
    };
    const config = serverConfig(
      { port: 0, dataDir: join(dir, 'data'), db: join(dir, 'advisories.db') },
      serverEnv,
    );
    server = await startServer(config, { env: serverEnv, log: silentLogger });
    env = { PATH: process.env.PATH, HOME: join(dir, 'home'), CROWSNEST_CONFIG: configFile() };
    const { store } = server.services;
    const org = (await store.orgs.getBySlug('default'))!;
    const registry = await store.registries.create({
      orgId: org.id,
      name: 'local',
      url: 'http://127.0.0.1:5000',
      webhookSecretHash: 'x',
    });
    repository = await store.repositories.ensure(org.id, registry.id, 'team/app');
    await store.repositories.ensure(org.id, registry.id, 'team/other');
    await store.repositories.recordPush(repository.id, {
      tag: '1.0',
      digest: sampleDigest(7),
      at: '2026-01-01T00:00:00Z',
    });
    await store.images.saveAnalysis(
      sampleWrite({ orgId: org.id, repositoryId: repository.id, digest: sampleDigest(7) }),
    );
    const owner = (await store.users.getByEmail('owner@cli.test'))!;
    const access = { principal: { kind: 'session' as const, user: owner }, org, role: 'owner' as const };
    await server.services.auth.addMember(access, {
      email: 'member@cli.test',
      password: 'member-password',
      role: 'member',
    });
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('says what to do when not logged in', async () => {
    for (const args of [
      ['repo', 'list'],
      ['environment', 'list'],
      ['repo', 'enable', 'team/app'],
    ]) {
      const res = await cli(args, env);
      expect(res.code, args.join(' ')).toBe(77);
      expect(res.stderr, args.join(' ')).toMatch(
        /not logged in to a crowsnest server.*crowsnest login URL --token TOKEN/,
      );
    }
  });

  it('logs in with email and password: a token is created, saved 0600, no password kept', async () => {
    const res = await cli(['login', server.url, '--email', 'owner@cli.test'], {
      ...env,
      CROWSNEST_PASSWORD: 'owner-password',
    });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain(`Logged in to ${server.url} as owner@cli.test in default (owner)`);
    expect(statSync(configFile()).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(configFile(), 'utf8'));
    expect(saved).toMatchObject({
      server: server.url,
      org: 'default',
      user: 'owner@cli.test',
      role: 'owner',
    });
    expect(saved.token).toMatch(/^cn_/);
    expect(JSON.stringify(saved)).not.toContain('owner-password');
    const org = (await server.services.store.orgs.getBySlug('default'))!;
    const tokens = await server.services.store.tokens.listByOrg(org.id);
    expect(tokens.some((t) => /^crowsnest CLI on /.test(t.name))).toBe(true);
  });

  it('lists repositories with their analysis mode, latest tag and counts', async () => {
    const res = await cli(['repo', 'list'], env);
    expect(res.code).toBe(0);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^REPOSITORY\s+ANALYSIS\s+LATEST TAG\s+OS\/ARCH\s+VULNERABILITIES$/);
    expect(lines[1]).toMatch(/^team\/app\s+none\s+1\.0\s+linux\/amd64\s+1C 1H 0M 1L$/);
    expect(lines[2]).toMatch(/^team\/other\s+none\s+-\s+-\s+-$/);
    const json = JSON.parse((await cli(['repo', 'list', '--json', '--search', 'other'], env)).stdout);
    expect(json.map((r: { name: string }) => r.name)).toEqual(['team/other']);
  });

  it('enables and disables analysis of a repository', async () => {
    const enabled = await cli(['repo', 'enable', 'team/app', '--mode', 'point-in-time'], env);
    expect([enabled.code, enabled.stdout]).toEqual([
      0,
      'team/app: enabled (point-in-time); 1 analyses queued\n',
    ]);
    expect((await cli(['repo', 'list'], env)).stdout).toMatch(/team\/app\s+point-in-time/);
    const disabled = await cli(['repo', 'disable', '127.0.0.1:5000/team/app'], env);
    expect([disabled.code, disabled.stdout]).toEqual([0, 'team/app: disabled\n']);
    const missing = await cli(['repo', 'enable', 'team/nothing'], env);
    expect(missing.code).toBe(66);
    expect(missing.stderr).toMatch(/no repository team\/nothing in default.*crowsnest repo list/);
  });

  it('records an image into an environment and lists environments', async () => {
    const recorded = await cli(['environment', 'production', '127.0.0.1:5000/team/app:1.0'], env);
    expect(recorded.stderr).toBe('');
    expect(recorded.stdout).toBe(`team/app@${sampleDigest(7)} recorded in production (linux/amd64)\n`);
    const listed = await cli(['environment', 'list'], env);
    const lines = listed.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ENVIRONMENT\s+REPOSITORY\s+TAGS\s+DIGEST\s+VULNERABILITIES\s+RECORDED$/);
    expect(lines[1]).toMatch(/^production\s+team\/app\s+1\.0\s+sha256:000000000000\s+1C 1H 0M 1L\s+\d{4}-/);
    expect((await cli(['environment'], env)).stdout).toBe(listed.stdout);
    expect((await cli(['environment', 'production'], env)).stdout).toBe(listed.stdout);
    const unknown = await cli(['environment', 'staging'], env);
    expect([unknown.code, unknown.stderr]).toEqual([66, expect.stringMatching(/no environment staging/)]);
    const badTag = await cli(['environment', 'production', 'team/app:9.9'], env);
    expect(badTag.stderr).toMatch(/tag 9\.9 of team\/app is not known.*give the digest/);
  });

  it('logs in with a token and acts with its role; a revoked token asks to log in again', async () => {
    const signIn = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'member@cli.test', password: 'member-password' }),
    });
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const created = await fetch(`${server.url}/api/orgs/default/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ name: 'ci' }),
    });
    const { secret, token } = (await created.json()) as { secret: string; token: { id: string } };
    const login = await cli(['login', server.url, '--token', secret], env);
    expect(login.stdout).toContain('as member@cli.test in default (member)');
    const forbidden = await cli(['environment', 'staging', '127.0.0.1:5000/team/app:1.0'], env);
    expect([forbidden.code, forbidden.stderr]).toEqual([77, expect.stringMatching(/needs the editor role/)]);
    await fetch(`${server.url}/api/orgs/default/tokens/${token.id}`, {
      method: 'DELETE',
      headers: { cookie },
    });
    const revoked = await cli(['repo', 'list'], env);
    expect(revoked.code).toBe(77);
    expect(revoked.stderr).toMatch(/log in again with 'crowsnest login'/);
  });

  it('refuses bad logins with the next step', async () => {
    const noCredentials = await cli(['login', server.url], env);
    expect([noCredentials.code, noCredentials.stderr]).toEqual([
      64,
      expect.stringMatching(/give --token TOKEN/),
    ]);
    const wrong = await cli(['login', server.url, '--token', 'cn_forged'], env);
    expect(wrong.code).toBe(77);
    const unreachable = await cli(['login', 'http://127.0.0.1:9', '--token', 'cn_x'], env);
    expect([unreachable.code, unreachable.stderr]).toEqual([
      69,
      expect.stringMatching(/cannot reach the crowsnest server/),
    ]);
    const notOrg = await cli(['login', server.url, '--email', 'owner@cli.test', '--org', 'nope'], {
      ...env,
      CROWSNEST_PASSWORD: 'owner-password',
    });
    expect(notOrg.stderr).toMatch(/you are not a member of nope; yours: default/);
  });
});
