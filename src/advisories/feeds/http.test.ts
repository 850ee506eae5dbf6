import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../../../test/advisories/server.js';
import { createHttpClient, fingerprintOf } from './http.js';

describe('conditional HTTP client', () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer();
  });
  afterAll(() => server.close());

  it('sends validators back and treats 304 or the same hash as not modified', async () => {
    server.routes.set('/a', { kind: 'file', body: Buffer.from('hello') });
    server.routes.set('/b', { kind: 'file', body: Buffer.from('same'), etag: false });
    const http = createHttpClient();
    const first = await http.get(`${server.url}/a`);
    expect(first.status).toBe('ok');
    const again = await http.get(`${server.url}/a`, first.status === 'ok' ? first.validators : undefined);
    expect(again.status).toBe('not-modified');
    expect(server.log.at(-1)).toBe('GET /a 304');
    const noEtag = await http.get(`${server.url}/b`);
    const sameHash = await http.get(
      `${server.url}/b`,
      noEtag.status === 'ok' ? noEtag.validators : undefined,
    );
    expect(sameHash.status).toBe('not-modified');
    expect(fingerprintOf([{ etag: '"x"' }])).toBe('"x"');
  });

  it('fails on HTTP errors at once, retries broken downloads, and caps the size', async () => {
    server.routes.set('/500', { kind: 'status', status: 500 });
    server.routes.set('/cut', { kind: 'truncate', body: Buffer.alloc(1000), after: 10 });
    server.routes.set('/big', { kind: 'file', body: Buffer.alloc(2000) });
    const http = createHttpClient({ retries: 1, maxBytes: 1500 });
    await expect(http.get(`${server.url}/500`)).rejects.toThrow('download failed: HTTP 500');
    expect(server.log.filter((l) => l.startsWith('GET /500'))).toHaveLength(1);
    await expect(http.get(`${server.url}/cut`)).rejects.toThrow(/download broke off/);
    expect(server.log.filter((l) => l.startsWith('GET /cut'))).toHaveLength(2);
    await expect(http.get(`${server.url}/big`)).rejects.toThrow(/byte limit/);
    expect((await http.get(`${server.url}/missing`, undefined, { allowNotFound: true })).status).toBe(
      'not-found',
    );
  });
});
