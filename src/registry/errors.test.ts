import { describe, expect, it } from 'vitest';
import { AppError } from '../core/errors.js';
import { describeTarget, networkError, registryErrorDetail, statusError } from './errors.js';

describe('network error messages', () => {
  it('say why fetch failed even without an error code', () => {
    const wrapped = new TypeError('fetch failed', { cause: new Error('bad port') });
    const error = networkError(
      wrapped,
      { registry: 'localhost:6000', kind: 'ping' },
      'http://localhost:6000/v2/',
    );
    expect(error.code).toBe('E_REGISTRY_UNREACHABLE');
    expect(error.message).toBe('cannot reach localhost:6000: connection failed (bad port)');
  });
});

describe('status errors', () => {
  const manifest = {
    registry: 'r.example',
    repository: 'team/app',
    reference: 'v1',
    kind: 'manifest',
  } as const;
  it.each([
    [401, 'E_REGISTRY_AUTH'],
    [403, 'E_REGISTRY_DENIED'],
    [404, 'E_MANIFEST_UNKNOWN'],
    [400, 'E_REGISTRY_RESPONSE'],
    [500, 'E_REGISTRY_RESPONSE'],
  ])('HTTP %i on a manifest → %s naming the image', (status, code) => {
    const error = statusError(status, '', manifest, false);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe(code);
    expect(error.oneLine()).toContain('r.example/team/app:v1');
  });

  it('quotes the registry error body', () => {
    const body = JSON.stringify({
      errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }],
    });
    expect(statusError(403, body, manifest, true).message).toContain(
      'DENIED: requested access to the resource is denied',
    );
    expect(registryErrorDetail('<html>')).toBeUndefined();
  });

  it('names digests with @ and tags with :', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(describeTarget({ ...manifest, reference: digest })).toBe(`r.example/team/app@${digest}`);
    expect(describeTarget({ registry: 'r.example', kind: 'catalog' })).toBe('r.example');
  });
});
