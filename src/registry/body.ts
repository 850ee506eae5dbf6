import { AppError } from '../core/errors.js';
import { describeTarget, type RequestTarget } from './errors.js';

function tooLarge(target: RequestTarget, maxBytes: number, what: string): AppError {
  return new AppError('E_LIMIT_EXCEEDED', `${what} is larger than the ${maxBytes}-byte limit`, {
    where: describeTarget(target),
    hint: 'raise the limit (CROWSNEST_MAX_MANIFEST_BYTES for manifests) if the image is trusted',
  });
}

/** Reads a whole response body, refusing (before or while reading) anything over `maxBytes`. */
export async function readCapped(
  response: Response,
  maxBytes: number,
  target: RequestTarget,
  what: string,
): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(target, maxBytes, what);
  }
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw tooLarge(target, maxBytes, what);
    }
    chunks.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
  }
  return Buffer.concat(chunks, total);
}

/** The start of an error body, for messages; never throws. */
export async function errorText(response: Response): Promise<string> {
  try {
    const text = await response.text();
    return text.slice(0, 64 * 1024);
  } catch {
    return '';
  }
}
