import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../src/service/passwords.js';
import { loadSecretKey, newSecret, secretBox, secretHash } from '../../src/service/secrets.js';

const dir = mkdtempSync(join(tmpdir(), 'crowsnest-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('secrets at rest', () => {
  it('seals with AES-256-GCM: a fresh IV each time, tampering and the wrong key detected', () => {
    const box = secretBox(randomBytes(32));
    const a = box.seal('registry password');
    const b = box.seal('registry password');
    expect(a).not.toBe(b);
    expect(a).not.toContain('registry password');
    expect(box.open(a)).toBe('registry password');
    const parts = a.split('.');
    const body = Buffer.from(parts[3] as string, 'base64url');
    body[0] = (body[0] as number) ^ 1;
    const tampered = [...parts.slice(0, 3), body.toString('base64url')].join('.');
    expect(() => box.open(tampered)).toThrow(expect.objectContaining({ code: 'E_CREDENTIALS' }));
    expect(() => secretBox(randomBytes(32)).open(a)).toThrow(/cannot be decrypted/);
    expect(() => box.open('garbage')).toThrow(/known format/);
  });

  it('creates the key file once, private, and prefers CROWSNEST_SECRET_KEY', () => {
    const key = loadSecretKey(dir, {});
    expect(statSync(join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(loadSecretKey(dir, {})).toEqual(key);
    expect(readFileSync(join(dir, 'secret.key'), 'utf8').trim()).toBe(key.toString('hex'));
    const hex = randomBytes(32).toString('hex');
    expect(loadSecretKey(dir, { CROWSNEST_SECRET_KEY: hex }).toString('hex')).toBe(hex);
    expect(() => loadSecretKey(dir, { CROWSNEST_SECRET_KEY: 'short' })).toThrow(/32 bytes/);
  });

  it('hashes passwords with scrypt, salted', async () => {
    const one = await hashPassword('correct horse');
    const two = await hashPassword('correct horse');
    expect(one).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(one).not.toBe(two);
    expect(await verifyPassword('correct horse', one)).toBe(true);
    expect(await verifyPassword('correct horsE', one)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
  });

  it('makes prefixed random secrets and stores only their hash', () => {
    const secret = newSecret('cn');
    expect(secret).toMatch(/^cn_[A-Za-z0-9_-]{43}$/);
    expect(secretHash(secret)).toMatch(/^[0-9a-f]{64}$/);
    expect(secretHash(secret)).not.toContain(secret);
  });
});
