import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningRegistry, type StartRegistryOptions, startRegistry } from '../harness/registry.js';
import { type SeededImages, seedTinyImages } from '../harness/tiny-image.js';

/** What every manifest request sends, so OCI manifests and indexes are served (not the 404 quirk). */
export const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

/** A real CNCF Distribution on 127.0.0.1 posting its notification envelopes to a local sink. */
export interface CapturingRegistry {
  registry: RunningRegistry;
  images: SeededImages;
  /** Every envelope body received since the last `take`. */
  take(): unknown[];
  /** Waits until `count` envelopes are held, or until no new one came for `quietMs`. */
  settle(count?: number, quietMs?: number): Promise<void>;
  request(method: 'GET' | 'HEAD', path: string, headers?: Record<string, string>): Promise<Response>;
  stop(): Promise<void>;
}

async function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

/** Starts the sink and the registry, pushes the tiny images, then forgets the push's own events. */
export async function startCapturingRegistry(
  options: Omit<StartRegistryOptions, 'notificationsUrl'> = {},
  creds?: string,
): Promise<CapturingRegistry> {
  let held: unknown[] = [];
  let lastArrival = Date.now();
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      held.push(JSON.parse(body));
      lastArrival = Date.now();
      res.writeHead(200).end();
    });
  });
  const port = await listen(server);
  const registry = await startRegistry({ ...options, notificationsUrl: `http://127.0.0.1:${port}/events` });
  const dir = mkdtempSync(join(tmpdir(), 'crowsnest-analytics-'));
  const auth: Record<string, string> = creds
    ? { authorization: `Basic ${Buffer.from(creds).toString('base64')}` }
    : {};
  const capture: CapturingRegistry = {
    registry,
    images: await seedTinyImages(registry.host, dir, creds),
    take: () => {
      const out = held;
      held = [];
      return out;
    },
    settle: async (count, quietMs = 400) => {
      const since = Date.now();
      const deadline = since + 10_000;
      const done = () =>
        count !== undefined ? held.length >= count : Date.now() - Math.max(lastArrival, since) >= quietMs;
      while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    },
    request: async (method, path, headers = {}) => {
      const response = await fetch(`${registry.url}${path}`, {
        method,
        headers: { accept: MANIFEST_ACCEPT, ...auth, ...headers },
      });
      await response.arrayBuffer();
      return response;
    },
    stop: async () => {
      await registry.stop();
      await new Promise((resolve) => server.close(resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await capture.settle();
  capture.take();
  return capture;
}
