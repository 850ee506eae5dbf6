import { AppError } from '../core/errors.js';
import { apiHost } from '../image/reference.js';
import { networkError, type RequestTarget, statusError } from './errors.js';
import { type AuthChallenge, parseRetryAfter, parseWwwAuthenticate } from './headers.js';
import { plainHttpAllowed } from './hosts.js';
import {
  backoffDelay,
  defaultRetry,
  isRetryableStatus,
  isTransientNetworkError,
  networkErrorCode,
  type RetryEvent,
  type RetrySettings,
  sleep,
} from './retry.js';

export interface TransportOptions {
  /** Hosts (`host` or `host:port`) that may be reached over plain HTTP; loopback always may. */
  insecureRegistries?: readonly string[];
  retry?: Partial<RetrySettings>;
  userAgent?: string;
  /** How long to wait for response headers. */
  timeoutMs?: number;
  /** Told about every retry (logging, tests). */
  onRetry?: (event: RetryEvent) => void;
}

/** How a registry is reached, learnt from `GET /v2/`. */
export interface Endpoint {
  /** `https://host[:port]` or, for loopback and insecure registries, `http://...`. */
  origin: string;
  /** HTTP status of `/v2/` (200, or 401 when it wants credentials). */
  status: number;
  challenges: AuthChallenge[];
}

export interface HttpRequest {
  target: RequestTarget;
  url: string;
  method?: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /** Sent to the first URL's origin only; dropped for good once a redirect leaves it. */
  authorization?: string;
}

const MAX_REDIRECTS = 5;
/** Only asked to explain an HTTPS failure, so it need not wait long. */
const PLAIN_PROBE_TIMEOUT_MS = 5000;
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

/** HTTP for the distribution API: scheme choice, retries with backoff, manual redirects. */
export class Transport {
  readonly retry: RetrySettings;
  private readonly endpoints = new Map<string, Promise<Endpoint>>();

  constructor(private readonly options: TransportOptions = {}) {
    this.retry = { ...defaultRetry, ...options.retry };
  }

  /** Resolves (once per registry) whether it speaks HTTPS or, where allowed, plain HTTP. */
  endpoint(registry: string): Promise<Endpoint> {
    let pending = this.endpoints.get(registry);
    if (!pending) {
      pending = this.probe(registry);
      this.endpoints.set(registry, pending);
      pending.catch(() => this.endpoints.delete(registry));
    }
    return pending;
  }

  private async probe(registry: string): Promise<Endpoint> {
    const host = apiHost(registry);
    const target: RequestTarget = { registry, kind: 'ping' };
    try {
      return await this.ping(`https://${host}`, target);
    } catch (httpsError) {
      if (plainHttpAllowed(registry, this.options.insecureRegistries ?? [])) {
        return this.ping(`http://${host}`, target);
      }
      // tell "speaks only plain HTTP" apart from "not there at all"
      const plain = await this.fetchOnce(
        `http://${host}/v2/`,
        { method: 'GET' },
        PLAIN_PROBE_TIMEOUT_MS,
      ).catch(() => undefined);
      await plain?.body?.cancel();
      if (plain) throw insecureError(registry, `http://${host}`);
      throw httpsError;
    }
  }

  private async ping(origin: string, target: RequestTarget): Promise<Endpoint> {
    const response = await this.fetchRetrying(`${origin}/v2/`, { method: 'GET', redirect: 'manual' }, target);
    await response.body?.cancel();
    return {
      origin,
      status: response.status,
      challenges: parseWwwAuthenticate(response.headers.get('www-authenticate')),
    };
  }

  /** Sends a request, retrying transient failures and following up to 5 redirects by hand. */
  async send(request: HttpRequest): Promise<Response> {
    let url = request.url;
    let method = request.method ?? 'GET';
    let body = request.body;
    let authorization = request.authorization;
    const firstOrigin = new URL(url).origin;
    for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
      this.checkPlainHttp(url, request.target);
      if (new URL(url).origin !== firstOrigin) authorization = undefined;
      const headers: Record<string, string> = { ...request.headers };
      if (authorization) headers.authorization = authorization;
      const response = await this.fetchRetrying(
        url,
        { method, headers, body, redirect: 'manual' },
        request.target,
      );
      if (!redirectStatuses.has(response.status)) return response;
      await response.body?.cancel();
      const location = response.headers.get('location');
      if (!location) throw statusError(response.status, '', request.target, false);
      url = new URL(location, url).toString();
      if (response.status === 303) {
        method = 'GET';
        body = undefined;
      }
    }
    throw new AppError('E_REGISTRY_RESPONSE', `more than ${MAX_REDIRECTS} redirects`, {
      where: request.url,
      hint: 'the registry or its blob storage is misconfigured',
    });
  }

  private checkPlainHttp(url: string, target: RequestTarget): void {
    const parsed = new URL(url);
    if (
      parsed.protocol === 'http:' &&
      !plainHttpAllowed(parsed.host, this.options.insecureRegistries ?? [])
    ) {
      throw insecureError(parsed.host, parsed.origin, target.registry);
    }
  }

  private async fetchRetrying(url: string, init: RequestInit, target: RequestTarget): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      let response: Response;
      try {
        response = await this.fetchOnce(url, init);
      } catch (error) {
        if (!isTransientNetworkError(error) || attempt >= this.retry.attempts)
          throw networkError(error, target, url);
        await this.wait(
          url,
          attempt,
          backoffDelay(attempt, this.retry),
          networkErrorCode(error) ?? 'network error',
        );
        continue;
      }
      if (!isRetryableStatus(response.status) || attempt >= this.retry.attempts) return response;
      await response.body?.cancel();
      const retryAfter = parseRetryAfter(response.headers.get('retry-after'));
      const delay =
        retryAfter === undefined
          ? backoffDelay(attempt, this.retry)
          : Math.min(retryAfter, this.retry.maxDelayMs);
      await this.wait(url, attempt, delay, `HTTP ${response.status}`);
    }
  }

  private async wait(url: string, attempt: number, delayMs: number, reason: string): Promise<void> {
    this.options.onRetry?.({ url, attempt, delayMs, reason });
    await sleep(delayMs);
  }

  /** One fetch with a deadline for the response headers (the body may take as long as it needs). */
  private async fetchOnce(
    url: string,
    init: RequestInit,
    timeoutMs = this.options.timeoutMs ?? 60_000,
  ): Promise<Response> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(timeoutError(timeoutMs)), timeoutMs);
    try {
      const headers = { 'user-agent': this.options.userAgent ?? 'crowsnest', ...(init.headers as object) };
      return await fetch(url, { ...init, headers, signal: controller.signal });
    } catch (error) {
      if (controller.signal.aborted)
        throw Object.assign(new Error('timed out'), { code: 'ETIMEDOUT', cause: error });
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}

function timeoutError(ms: number): Error {
  return Object.assign(new Error(`no response within ${ms} ms`), { code: 'ETIMEDOUT' });
}

function insecureError(host: string, origin: string, registry = host): AppError {
  return new AppError(
    'E_REGISTRY_INSECURE',
    `${host} answers only over plain HTTP, which crowsnest does not use by default`,
    {
      where: registry === host ? origin : `${registry} → ${origin}`,
      hint: `if you trust the network to ${host}, pass --insecure-registry ${host}`,
    },
  );
}
