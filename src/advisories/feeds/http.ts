import { createHash } from 'node:crypto';
import { AppError } from '../../core/errors.js';
import { VERSION } from '../../core/version.js';

/** What identifies one downloaded file: HTTP validators plus the content hash as a fallback. */
export interface Validators {
  etag?: string;
  lastModified?: string;
  sha256?: string;
}

export type HttpResult =
  | { status: 'not-modified'; url: string; validators: Validators }
  | { status: 'ok'; url: string; body: Buffer; validators: Validators }
  | { status: 'not-found'; url: string };

export interface GetOptions {
  /** Return `not-found` for 404 instead of failing (optional upstream files). */
  allowNotFound?: boolean;
}

export interface HttpClient {
  /** Conditional GET: 304, or a body whose hash equals the previous one, is `not-modified`. */
  get(url: string, previous?: Validators, options?: GetOptions): Promise<HttpResult>;
}

export interface HttpClientOptions {
  timeoutMs?: number;
  /** Refuse bodies larger than this (a hostile or broken server). */
  maxBytes?: number;
  /** Extra attempts after a network failure (default 2). */
  retries?: number;
}

export function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function createHttpClient(options: HttpClientOptions = {}): HttpClient {
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const maxBytes = options.maxBytes ?? 4 * 1024 ** 3;
  const retries = options.retries ?? 2;
  return {
    async get(url, previous, getOptions = {}) {
      // network failures (a reused connection the server closed, a reset mid-body) are worth a retry;
      // HTTP errors are answers and are not
      for (let attempt = 0; ; attempt++) {
        try {
          return await getOnce(url, previous, getOptions, timeoutMs, maxBytes);
        } catch (error) {
          const transient = error instanceof AppError && error.cause !== undefined;
          if (!transient || attempt >= retries) throw error;
          await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
        }
      }
    },
  };
}

async function getOnce(
  url: string,
  previous: Validators | undefined,
  options: GetOptions,
  timeoutMs: number,
  maxBytes: number,
): Promise<HttpResult> {
  const headers: Record<string, string> = { 'user-agent': `crowsnest/${VERSION}` };
  if (previous?.etag) headers['if-none-match'] = previous.etag;
  if (previous?.lastModified) headers['if-modified-since'] = previous.lastModified;
  let response: Response;
  try {
    response = await fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  } catch (error) {
    throw feedError(`download failed: ${reason(error)}`, url, error);
  }
  if (response.status === 304) return { status: 'not-modified', url, validators: previous ?? {} };
  if (response.status === 404 && options.allowNotFound) return { status: 'not-found', url };
  if (!response.ok) throw feedError(`download failed: HTTP ${response.status}`, url);
  const body = await readBody(response, url, maxBytes);
  const validators: Validators = { sha256: sha256(body) };
  const etag = response.headers.get('etag');
  const lastModified = response.headers.get('last-modified');
  if (etag) validators.etag = etag;
  if (lastModified) validators.lastModified = lastModified;
  if (previous?.sha256 && previous.sha256 === validators.sha256)
    return { status: 'not-modified', url, validators };
  return { status: 'ok', url, body, validators };
}

async function readBody(response: Response, url: string, maxBytes: number): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes)
    throw feedError(`response is ${declared} bytes, over the ${maxBytes} byte limit`, url);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body ?? []) {
      total += chunk.length;
      if (total > maxBytes) break;
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    throw feedError(`download broke off: ${reason(error)}`, url, error);
  }
  // an oversized answer is not transient: no cause, so no retry
  if (total > maxBytes) throw feedError(`response exceeds the ${maxBytes} byte limit`, url);
  return Buffer.concat(chunks);
}

function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

export function feedError(message: string, where: string, cause?: unknown): AppError {
  return new AppError('E_FEED', message, {
    where,
    hint: 'check the network or the feed URL (crowsnest db update --feed-url ID=URL), then run the update again',
    cause,
  });
}

/** A short, stable fingerprint for the operation log: the ETag when there is one, else the hash. */
export function fingerprintOf(validators: readonly Validators[]): string {
  if (validators.length === 1) {
    const [v] = validators;
    if (v?.etag) return v.etag;
    if (v?.sha256) return `sha256:${v.sha256.slice(0, 16)}`;
  }
  const joined = validators.map((v) => v.etag ?? v.sha256 ?? v.lastModified ?? '').join('|');
  return `sha256:${sha256(joined).slice(0, 16)}`;
}
