import { createHash, type Hash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';
import { AppError } from './errors.js';

/** An OCI content digest, `algorithm:hex`. Only sha256 and sha512 are accepted, as the OCI spec registers. */
export type Digest = `${string}:${string}`;

const digestPattern = /^(sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;

export function isDigest(value: string): value is Digest {
  return digestPattern.test(value);
}

export function parseDigest(value: string, where?: string): Digest {
  if (!isDigest(value)) {
    throw new AppError('E_MANIFEST_INVALID', `invalid digest "${truncate(value)}"`, {
      where,
      hint: 'digests are sha256:<64 hex> or sha512:<128 hex>',
    });
  }
  return value;
}

export function digestAlgorithm(digest: Digest): 'sha256' | 'sha512' {
  return digest.startsWith('sha512:') ? 'sha512' : 'sha256';
}

export function digestHex(digest: Digest): string {
  return digest.slice(digest.indexOf(':') + 1);
}

export function sha256(data: Buffer | string): Digest {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

export function computeDigest(algorithm: 'sha256' | 'sha512', data: Buffer): Digest {
  return `${algorithm}:${createHash(algorithm).update(data).digest('hex')}`;
}

export function shortDigest(digest: string): string {
  const hex = digest.slice(digest.indexOf(':') + 1);
  return `${digest.slice(0, digest.indexOf(':') + 1)}${hex.slice(0, 12)}`;
}

function truncate(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}

/**
 * A pass-through stream that hashes and counts what flows through it and, at the end, fails with
 * E_DIGEST_MISMATCH if the content does not match `expected`.
 */
export class DigestVerifier extends Transform {
  private readonly hash: Hash;
  private readonly algorithm: 'sha256' | 'sha512';
  bytes = 0;
  actual: Digest | undefined;
  private readonly expected: Digest | undefined;
  private readonly label: string;

  constructor(expected: Digest | undefined, label: string, algorithm: 'sha256' | 'sha512' = 'sha256') {
    super();
    this.expected = expected;
    this.label = label;
    this.algorithm = expected ? digestAlgorithm(expected) : algorithm;
    this.hash = createHash(this.algorithm);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const actual: Digest = `${this.algorithm}:${this.hash.digest('hex')}`;
    this.actual = actual;
    if (this.expected && actual !== this.expected) {
      callback(
        new AppError(
          'E_DIGEST_MISMATCH',
          `content of ${this.label} does not match its digest (got ${actual})`,
          {
            where: this.expected,
            hint: 'the blob is corrupt or was tampered with; re-push or re-export the image',
          },
        ),
      );
      return;
    }
    callback();
  }
}
