import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AppError } from '../core/errors.js';

/** Seals small secrets (registry passwords, integration secrets) with AES-256-GCM under one key. */
export interface SecretBox {
  seal(plain: string): string;
  open(sealed: string): string;
}

const VERSION = 'v1';

/**
 * `v1.<iv>.<tag>.<ciphertext>` in base64url: a random 96-bit IV per secret, and the GCM tag so a changed
 * byte or the wrong key fails instead of decrypting to garbage.
 */
export function secretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new AppError('E_CREDENTIALS', 'the secret key must be 32 bytes');
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [VERSION, iv, cipher.getAuthTag(), body]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== VERSION || !iv || !tag || body === undefined) {
        throw new AppError('E_CREDENTIALS', 'a stored secret is not in a known format');
      }
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
          'utf8',
        );
      } catch (error) {
        throw new AppError('E_CREDENTIALS', 'a stored secret cannot be decrypted with this key', {
          hint: 'the server key (CROWSNEST_SECRET_KEY or secret.key in the data directory) changed; enter the secret again',
          cause: error,
        });
      }
    },
  };
}

/** The key from `CROWSNEST_SECRET_KEY` (64 hex digits or 32 bytes of base64), else `<data dir>/secret.key`. */
export function loadSecretKey(dataDir: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const text = env.CROWSNEST_SECRET_KEY?.trim();
  if (text) return parseKey(text, 'CROWSNEST_SECRET_KEY');
  const path = join(dataDir, 'secret.key');
  if (existsSync(path)) return parseKey(readFileSync(path, 'utf8').trim(), path);
  mkdirSync(dirname(path), { recursive: true });
  // created once, readable by the server's user only; losing it loses the stored registry passwords
  try {
    writeFileSync(path, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    chmodSync(path, 0o600);
  } catch (error) {
    // another process starting at the same moment wrote it first: use theirs
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return parseKey(readFileSync(path, 'utf8').trim(), path);
}

function parseKey(text: string, where: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw new AppError('E_CREDENTIALS', 'the secret key is not 32 bytes', {
      where,
      hint: 'use 64 hex digits (openssl rand -hex 32)',
    });
  }
  return key;
}

/** SHA-256 of a high-entropy secret (tokens, session cookies, webhook secrets): enough, as they are random. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** A random secret with a readable prefix: `cn_…` tokens, `cns_…` sessions, `cnw_…` webhook secrets. */
export function newSecret(prefix: string, bytes = 32): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`;
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
