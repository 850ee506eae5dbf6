import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { DigestVerifier, isDigest, parseDigest, sha256 } from './digest.js';
import { AppError } from './errors.js';

describe('digests', () => {
  it('accepts sha256 and sha512 and refuses anything else', () => {
    expect(isDigest(sha256('x'))).toBe(true);
    expect(isDigest(`sha512:${'a'.repeat(128)}`)).toBe(true);
    expect(isDigest('sha256:ABC')).toBe(false);
    expect(isDigest(`md5:${'a'.repeat(32)}`)).toBe(false);
    expect(() => parseDigest('sha256:nope', 'manifest')).toThrow(AppError);
  });

  it('verifies streamed content and fails on a mismatch with the expected digest named', async () => {
    const good = new DigestVerifier(sha256('hello'), 'layer 0');
    await pipeline(Readable.from([Buffer.from('hel'), Buffer.from('lo')]), good, async (source) => {
      for await (const _ of source);
    });
    expect(good.bytes).toBe(5);
    const bad = new DigestVerifier(sha256('hello'), 'layer 0');
    await expect(
      pipeline(Readable.from([Buffer.from('jello')]), bad, async (source) => {
        for await (const _ of source);
      }),
    ).rejects.toMatchObject({ code: 'E_DIGEST_MISMATCH', where: sha256('hello') });
  });
});
