import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** How the loopback server answers one path. */
export type Route =
  | { kind: 'file'; body: Buffer; etag?: boolean }
  | { kind: 'status'; status: number }
  /** Sends the headers and part of the body, then drops the connection: a download that breaks off. */
  | { kind: 'truncate'; body: Buffer; after: number };

export interface FeedServer {
  url: string;
  routes: Map<string, Route>;
  /** Every request as "METHOD path status". */
  log: string[];
  close(): Promise<void>;
}

/** A static HTTP server on 127.0.0.1 that honours If-None-Match, standing in for the feed upstreams. */
export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Route>();
  const log: string[] = [];
  const server: Server = createServer((req, res) => answer(routes, log, req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    routes,
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answer(routes: Map<string, Route>, log: string[], req: IncomingMessage, res: ServerResponse): void {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const route = routes.get(path);
  const done = (status: number) => log.push(`${req.method} ${path} ${status}`);
  if (!route) {
    done(404);
    res.writeHead(404).end('not found');
    return;
  }
  if (route.kind === 'status') {
    done(route.status);
    res.writeHead(route.status).end('error');
    return;
  }
  if (route.kind === 'truncate') {
    done(200);
    res.writeHead(200, { 'content-length': String(route.body.length) });
    res.write(route.body.subarray(0, route.after), () => res.destroy());
    return;
  }
  const etag = `"${createHash('sha256').update(route.body).digest('hex').slice(0, 20)}"`;
  if (route.etag !== false && req.headers['if-none-match'] === etag) {
    done(304);
    res.writeHead(304, { etag }).end();
    return;
  }
  done(200);
  const headers: Record<string, string> = { 'content-length': String(route.body.length) };
  if (route.etag !== false) headers.etag = etag;
  res.writeHead(200, headers).end(route.body);
}
