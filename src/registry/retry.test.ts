import { describe, expect, it } from 'vitest';
import { backoffDelay, isRetryableStatus, isTransientNetworkError } from './retry.js';

describe('retry policy', () => {
  it('doubles the delay per attempt with jitter between half and all of it, capped', () => {
    const settings = { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffDelay(1, settings, () => 0)).toBe(50);
    expect(backoffDelay(1, settings, () => 1)).toBe(100);
    expect(backoffDelay(3, settings, () => 1)).toBe(400);
    expect(backoffDelay(10, settings, () => 1)).toBe(1000);
    expect(backoffDelay(10, settings, () => 0)).toBe(500);
  });

  it('retries 429 and 5xx except 501/505', () => {
    expect([429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 501, 505].some(isRetryableStatus)).toBe(false);
  });
});

describe('transient network errors', () => {
  it('finds the code on the cause chain fetch builds', () => {
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
    });
    expect(isTransientNetworkError(reset)).toBe(true);
    expect(isTransientNetworkError(refused)).toBe(false);
    expect(isTransientNetworkError(new Error('plain'))).toBe(false);
  });
});
