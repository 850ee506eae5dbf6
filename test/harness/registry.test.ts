import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bcryptHash } from './htpasswd.js';
import { startRegistry, TOKEN_ISSUER, TOKEN_SERVICE } from './registry.js';
import { pushLayout, writeTinyLayout } from './tiny-image.js';
import { startTokenServer } from './token-server.js';

// Checks the harness itself: that real Distribution honours what it configures.
const work = mkdtempSync(join(tmpdir(), 'crowsnest-harness-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('registry harness', () => {
  it('makes bcrypt hashes with crypt(3)', () => {
    expect(bcryptHash('secret')).toMatch(/^\$2b\$05\$[./A-Za-z0-9]{53}$/);
  });

  it('serves anonymously, logs requests, posts notifications and stops', async () => {
    const events: unknown[] = [];
    const sink = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        events.push(JSON.parse(body));
        res.end();
      });
    });
    await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
    const sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/events`;
    const registry = await startRegistry({ notificationsUrl: sinkUrl });
    try {
      const layout = await writeTinyLayout(join(work, 'n'), 'v1', [{ os: 'linux', architecture: 'amd64' }]);
      await pushLayout(layout, `${registry.host}/test/tiny:v1`);
      for (let i = 0; i < 100 && events.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(JSON.stringify(events)).toContain('"action":"push"');
      expect(registry.logs()).toContain('/v2/test/tiny/manifests/v1');
    } finally {
      await registry.stop();
      sink.close();
    }
    await expect(fetch(`${registry.url}/v2/`)).rejects.toThrow();
  });

  it('htpasswd: Distribution accepts the bcrypt line and refuses a wrong password', async () => {
    const registry = await startRegistry({ htpasswd: { alice: 'secret' } });
    try {
      const good = await fetch(`${registry.url}/v2/`, {
        headers: { authorization: basic('alice', 'secret') },
      });
      const bad = await fetch(`${registry.url}/v2/`, { headers: { authorization: basic('alice', 'nope') } });
      expect([good.status, bad.status]).toEqual([200, 401]);
    } finally {
      await registry.stop();
    }
  });

  it('token: Distribution accepts our ES256 JWT and refuses one signed by a key it does not trust', async () => {
    const registry = await startRegistry({ token: { users: { alice: 'secret' } } });
    const forger = await startTokenServer({
      users: { alice: 'secret' },
      dir: mkdtempSync(join(work, 'forger-')),
      service: TOKEN_SERVICE,
      issuer: TOKEN_ISSUER,
    });
    try {
      const tokenFrom = async (realm: string) => {
        const url = `${realm}?service=${TOKEN_SERVICE}&scope=registry:catalog:*`;
        const answer = (await (
          await fetch(url, { headers: { authorization: basic('alice', 'secret') } })
        ).json()) as {
          token: string;
          access_token: string;
          expires_in: number;
        };
        expect(answer.access_token).toBe(answer.token);
        return answer.token;
      };
      const catalog = (token: string) =>
        fetch(`${registry.url}/v2/_catalog`, { headers: { authorization: `Bearer ${token}` } }).then(
          (r) => r.status,
        );
      expect(await catalog(await tokenFrom(registry.tokenServer!.realm))).toBe(200);
      expect(await catalog(await tokenFrom(forger.realm))).toBe(401);
      const denied = await fetch(`${registry.tokenServer!.realm}?service=${TOKEN_SERVICE}`, {
        headers: { authorization: basic('alice', 'wrong') },
      });
      expect(denied.status).toBe(401);
    } finally {
      await forger.stop();
      await registry.stop();
    }
  });
});
