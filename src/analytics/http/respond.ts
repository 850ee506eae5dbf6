import { type ErrorCode, isAppError } from '../../core/errors.js';

/** HTTP status per error code for the analytics routes (the server may map its own way). */
const statuses: Partial<Record<ErrorCode, number>> = {
  E_USAGE: 400,
  E_PERIOD_INVALID: 400,
  E_EVENT_INVALID: 400,
  E_CONFIG_INVALID: 400,
  E_PERIOD_OPEN: 409,
  E_NOT_ENTITLED: 403,
  E_REGISTRY_AUTH: 401,
  E_INPUT_NOT_FOUND: 404,
  E_DB_MISSING: 404,
};

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/** The DVP Data API's error shape: `{"detail": "…"}`. */
export function problem(status: number, detail: string): Response {
  return json({ detail }, status);
}

export function errorResponse(error: unknown): Response {
  if (isAppError(error)) {
    const status = statuses[error.code] ?? 500;
    return problem(status, status === 500 ? 'internal error' : error.oneLine());
  }
  return problem(500, 'internal error');
}

/** Streams text chunks as a response body. */
export function streamed(chunks: AsyncIterable<string>, headers: Record<string, string>): Response {
  const encoder = new TextEncoder();
  const iterator = chunks[Symbol.asyncIterator]();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await iterator.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(body, { status: 200, headers });
}
