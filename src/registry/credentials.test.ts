import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { DOCKER_HUB_AUTH_KEY, dockerConfigPath, dockerCredentials } from './credentials.js';

const work = mkdtempSync(join(tmpdir(), 'crowsnest-creds-'));
const bin = join(work, 'bin');
const env = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
let dirCount = 0;

/** A fresh $DOCKER_CONFIG directory holding `config`. */
function configDir(config: unknown): string {
  const dir = join(work, `config-${dirCount++}`);
  mkdirSync(dir);
  writeFileSync(join(dir, 'config.json'), typeof config === 'string' ? config : JSON.stringify(config));
  return dir;
}

function helper(name: string, script: string): void {
  const path = join(bin, `docker-credential-${name}`);
  writeFileSync(path, `#!/bin/sh\n${script}\n`);
  chmodSync(path, 0o755);
}

beforeAll(() => {
  mkdirSync(bin);
  // echoes the server URL it was asked about as the user name, so tests see what docker would send
  helper(
    'crowsnesttest',
    'read server\n[ "$1" = get ] || exit 2\necho "{\\"ServerURL\\":\\"$server\\",\\"Username\\":\\"$server\\",\\"Secret\\":\\"pw\\"}"',
  );
  helper('crowsnestnone', 'echo "credentials not found in native keychain"; exit 1');
  helper('crowsnestbroken', 'echo "keychain is locked" >&2; exit 3');
  helper('crowsnestgarbage', 'echo "not json"');
  helper('crowsnesttoken', 'echo \'{"Username":"<token>","Secret":"refresh-xyz"}\'');
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const lookup = (registry: string, config: unknown) =>
  dockerCredentials(registry, { configDir: configDir(config), env });
async function caught(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}
const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('dockerCredentials: auths', () => {
  it.each([
    [
      'registry.example:5000',
      { 'registry.example:5000': { auth: b64('u:p:with:colons') } },
      { username: 'u', password: 'p:with:colons' },
    ],
    [
      'registry.example:5000',
      { 'https://registry.example:5000/v2/': { auth: b64('u:p') } },
      { username: 'u', password: 'p' },
    ],
    [
      'registry.example',
      { 'registry.example': { username: 'u', password: 'p' } },
      { username: 'u', password: 'p' },
    ],
    [
      'registry.example',
      { 'registry.example': { auth: b64('u:'), identitytoken: 'idt' } },
      { username: 'u', identityToken: 'idt' },
    ],
    // Docker Hub's credentials sit under its legacy v1 index URL
    ['docker.io', { [DOCKER_HUB_AUTH_KEY]: { auth: b64('hub:pw') } }, { username: 'hub', password: 'pw' }],
    ['docker.io', { 'other.example': { auth: b64('x:y') } }, undefined],
    ['registry.example', { 'registry.example': {} }, undefined],
  ])('%s with %j', async (registry, auths, expected) => {
    expect(await lookup(registry, { auths })).toEqual(expected);
  });

  it('no config file means anonymous', async () => {
    expect(await dockerCredentials('x.example', { configDir: join(work, 'absent') })).toBeUndefined();
  });

  it('finds the config through $DOCKER_CONFIG, else ~/.docker', () => {
    expect(dockerConfigPath({ env: { DOCKER_CONFIG: '/cfg', HOME: '/home/u' } })).toBe('/cfg/config.json');
    expect(dockerConfigPath({ env: { HOME: '/home/u' } })).toBe('/home/u/.docker/config.json');
  });

  it.each([
    ['{not json', /not valid JSON/],
    [JSON.stringify({ auths: { a: { auth: 5 } } }), /unexpected shape/],
    [JSON.stringify({ auths: { 'x.example': { auth: b64('no-colon') } } }), /not base64 of user:password/],
  ])('a broken config %s → E_CREDENTIALS naming the file', async (text, message) => {
    const dir = configDir(text);
    const error = await caught(dockerCredentials('x.example', { configDir: dir, env }));
    expect(error.code).toBe('E_CREDENTIALS');
    expect(error.message).toMatch(message);
    expect(error.where).toBe(join(dir, 'config.json'));
  });
});

describe('dockerCredentials: credential helpers', () => {
  it('asks credHelpers[host] with the host on stdin', async () => {
    const found = await lookup('localhost:5000', { credHelpers: { 'localhost:5000': 'crowsnesttest' } });
    expect(found).toEqual({ username: 'localhost:5000', password: 'pw' });
  });

  it('asks credsStore about Docker Hub with the legacy index URL', async () => {
    expect(await lookup('docker.io', { credsStore: 'crowsnesttest' })).toEqual({
      username: DOCKER_HUB_AUTH_KEY,
      password: 'pw',
    });
  });

  it('prefers credHelpers over credsStore and auths', async () => {
    const config = {
      credsStore: 'crowsnestbroken',
      credHelpers: { 'a.example': 'crowsnesttest' },
      auths: { 'a.example': { auth: b64('file:pw') } },
    };
    expect(await lookup('a.example', config)).toEqual({ username: 'a.example', password: 'pw' });
  });

  it('falls back to auths when the helper has nothing', async () => {
    const config = { credsStore: 'crowsnestnone', auths: { 'a.example': { auth: b64('file:pw') } } };
    expect(await lookup('a.example', config)).toEqual({ username: 'file', password: 'pw' });
    expect(await lookup('b.example', config)).toBeUndefined();
  });

  it('reads an identity token ("<token>" user)', async () => {
    expect(await lookup('a.example', { credsStore: 'crowsnesttoken' })).toEqual({
      identityToken: 'refresh-xyz',
    });
  });

  it.each([
    ['crowsnestbroken', /docker-credential-crowsnestbroken failed for a\.example: keychain is locked/],
    ['crowsnestgarbage', /docker-credential-crowsnestgarbage failed for a\.example: its output is not JSON/],
    [
      'crowsnestmissing',
      /docker-credential-crowsnestmissing failed for a\.example: the program is not on PATH/,
    ],
  ])('a failing helper %s → E_CREDENTIALS naming it', async (name, message) => {
    const error = await caught(lookup('a.example', { credHelpers: { 'a.example': name } }));
    expect(error.code).toBe('E_CREDENTIALS');
    expect(error.message).toMatch(message);
    expect(error.oneLine()).not.toContain('\n');
  });
});
