import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  request,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { Transform, type TransformCallback } from 'node:stream';

/** What the fault injector does with one request. */
export type FaultAction =
  | {
      kind: 'pass';
      corruptBody?: boolean;
      /** Close the connection after this many body bytes (headers already sent). */
      truncateAfter?: number;
      requestHeaders?: Record<string, string | undefined>;
    }
  | { kind: 'respond'; status: number; headers?: Record<string, string>; body?: string }
  | { kind: 'reset' };

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface FaultProxy {
  host: string;
  url: string;
  requests: RecordedRequest[];
  stop(): Promise<void>;
}

/** Flips the bits of the first byte that passes: same length, different content. */
class CorruptFirstByte extends Transform {
  private done = false;
  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.done && chunk.length > 0) {
      const copy = Buffer.from(chunk);
      copy[0] = copy[0]! ^ 0xff;
      this.done = true;
      callback(null, copy);
      return;
    }
    callback(null, chunk);
  }
}

/** Sends the first `limit` body bytes, then drops the connection mid-body. */
function truncate(answer: IncomingMessage, res: ServerResponse, limit: number): void {
  let sent = 0;
  answer.on('data', (chunk: Buffer) => {
    if (sent >= limit) return;
    const part = chunk.subarray(0, limit - sent);
    sent += part.length;
    res.write(part);
    if (sent >= limit) {
      answer.destroy();
      setTimeout(() => res.socket?.destroy(), 10);
    }
  });
}

function forward(
  req: IncomingMessage,
  res: ServerResponse,
  target: URL,
  action: FaultAction & { kind: 'pass' },
): void {
  const headers: Record<string, string | string[] | undefined> = { ...req.headers };
  for (const [name, value] of Object.entries(action.requestHeaders ?? {})) {
    if (value === undefined) delete headers[name];
    else headers[name] = value;
  }
  const upstream = request(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      if (action.truncateAfter !== undefined) {
        truncate(answer, res, action.truncateAfter);
        return;
      }
      (action.corruptBody ? answer.pipe(new CorruptFirstByte()) : answer).pipe(res);
    },
  );
  upstream.on('error', () => res.destroy());
  req.pipe(upstream);
}

/**
 * A fault injector on loopback in front of a real registry (or any HTTP origin): per request it passes
 * through (optionally corrupting one body byte or changing request headers), answers by itself (503,
 * 429, redirects, stub documents) or resets the connection. `decide` sees requests in arrival order.
 */
export async function startFaultProxy(
  targetUrl: string,
  decide: (req: IncomingMessage, index: number) => FaultAction | undefined = () => undefined,
  listenHost = '127.0.0.1',
): Promise<FaultProxy> {
  const target = new URL(targetUrl);
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    const action = decide(req, requests.length - 1) ?? { kind: 'pass' };
    if (action.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (action.kind === 'respond') {
      res.writeHead(action.status, action.headers ?? {});
      res.end(action.body ?? '');
      return;
    }
    forward(req, res, target, action);
  });
  await new Promise<void>((resolve) => server.listen(0, listenHost, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
