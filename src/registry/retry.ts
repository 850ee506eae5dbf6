/** When and how long to wait before asking a registry again. */
export interface RetrySettings {
  /** Tries in all, the first included (1 = no retry). */
  attempts: number;
  /** The first backoff; each retry doubles it, with jitter. */
  baseDelayMs: number;
  /** No single wait is longer, Retry-After included. */
  maxDelayMs: number;
}

export const defaultRetry: Readonly<RetrySettings> = Object.freeze({
  attempts: 4,
  baseDelayMs: 250,
  maxDelayMs: 20_000,
});

export interface RetryEvent {
  url: string;
  /** The try that failed, 1-based. */
  attempt: number;
  delayMs: number;
  reason: string;
}

/** Exponential backoff with "equal jitter": half fixed, half random, so bursts of clients spread out. */
export function backoffDelay(
  attempt: number,
  settings: RetrySettings,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(exponential / 2 + (exponential / 2) * random());
}

/** 429 and server errors are worth another try; 501 and 505 will not change. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status !== 501 && status !== 505);
}

/** The first `code` on an error's cause chain (fetch wraps socket errors in `TypeError: fetch failed`). */
export function networkErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

const transientCodes = new Set([
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CLOSED',
  'EAI_AGAIN',
]);

export function isTransientNetworkError(error: unknown): boolean {
  const code = networkErrorCode(error);
  return code !== undefined && transientCodes.has(code);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
