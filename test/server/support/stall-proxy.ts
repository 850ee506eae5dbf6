import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StallProxy {
  url: string;
  /** While true, blob requests wait (a worker is then mid-job, holding its lease). */
  stalled: boolean;
  /** Blob requests that arrived while stalled. */
  held: number;
  release(): void;
  stop(): Promise<void>;
}

/** A loopback HTTP proxy in front of a registry that can hold blob downloads for as long as a test wants. */
export async function startStallProxy(targetUrl: string): Promise<StallProxy> {
  const target = new URL(targetUrl);
  const waiting: (() => void)[] = [];
  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: target.host },
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  };
  const proxy: StallProxy = {
    url: '',
    stalled: false,
    held: 0,
    release: () => {
      proxy.stalled = false;
      for (const go of waiting.splice(0)) go();
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    if (proxy.stalled && req.url?.includes('/blobs/')) {
      proxy.held++;
      waiting.push(() => forward(req, res));
      return;
    }
    forward(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return proxy;
}
