import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { AppError, type ErrorCode, isAppError } from '../core/errors.js';
import type { Logger } from '../service/types.js';

/** Every AppError code's HTTP status, once. A code added to ErrorCode does not compile until mapped here. */
export const httpStatus: Record<ErrorCode, ContentfulStatusCode> = {
  E_USAGE: 400,
  E_REQUEST_INVALID: 400,
  E_REFERENCE_INVALID: 400,
  E_VERSION_INVALID: 400,
  E_PERIOD_INVALID: 400,
  E_EVENT_INVALID: 400,
  E_SBOM_INVALID: 400,
  E_VEX_INVALID: 400,
  E_AUTH_REQUIRED: 401,
  E_CREDENTIALS: 401,
  E_FORBIDDEN: 403,
  E_NOT_ENTITLED: 403,
  E_NOT_FOUND: 404,
  E_INPUT_NOT_FOUND: 404,
  E_MANIFEST_UNKNOWN: 404,
  E_PLATFORM_NOT_FOUND: 404,
  E_BLOB_MISSING: 404,
  E_CONFLICT: 409,
  E_LIMIT_EXCEEDED: 409,
  E_PERIOD_OPEN: 409,
  E_PAYLOAD_TOO_LARGE: 413,
  E_ARCHIVE_INVALID: 422,
  E_LAYOUT_INVALID: 422,
  E_MANIFEST_INVALID: 422,
  E_MANIFEST_UNSUPPORTED: 422,
  E_CONFIG_INVALID: 422,
  E_DIGEST_MISMATCH: 422,
  E_LAYER_CORRUPT: 422,
  E_LAYER_UNSUPPORTED: 422,
  E_LAYER_UNSAFE_PATH: 422,
  E_SCHEME_UNKNOWN: 422,
  E_DB_CORRUPT: 500,
  E_INTERNAL: 500,
  E_NOT_IMPLEMENTED: 501,
  E_REGISTRY_UNREACHABLE: 502,
  E_REGISTRY_AUTH: 502,
  E_REGISTRY_DENIED: 502,
  E_REGISTRY_RESPONSE: 502,
  E_REGISTRY_INSECURE: 502,
  E_FEED: 502,
  E_DB_MISSING: 503,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; where?: string; hint?: string };
}

export function errorBody(error: AppError): ErrorBody {
  return {
    error: {
      code: error.code,
      message: error.message,
      ...(error.where ? { where: error.where } : {}),
      ...(error.hint ? { hint: error.hint } : {}),
    },
  };
}

export function errorResponse(c: Context, error: AppError): Response {
  const status = httpStatus[error.code];
  if (status === 401) c.header('WWW-Authenticate', 'Bearer realm="crowsnest"');
  return c.json(errorBody(error), status);
}

/** The app's one error handler: AppErrors as they are, anything else as a 500 that hides its details. */
export function onError(log: Logger) {
  return (err: unknown, c: Context): Response => {
    if (isAppError(err)) {
      if (httpStatus[err.code] >= 500)
        log.error('request failed', { code: err.code, error: err.oneLine(), path: c.req.path });
      return errorResponse(c, err);
    }
    if (err instanceof HTTPException && err.status < 500) {
      // Hono's own refusals (malformed JSON, unsupported media type) speak the same error shape
      const code: ErrorCode =
        err.status === 413
          ? 'E_PAYLOAD_TOO_LARGE'
          : err.status === 401
            ? 'E_AUTH_REQUIRED'
            : 'E_REQUEST_INVALID';
      return c.json(
        errorBody(new AppError(code, err.message || 'the request is invalid')),
        err.status as ContentfulStatusCode,
      );
    }
    log.error('unexpected error', {
      error: err,
      path: c.req.path,
      stack: err instanceof Error ? err.stack : undefined,
    });
    return errorResponse(
      c,
      new AppError('E_INTERNAL', 'the server failed to answer this request', { hint: 'see the server log' }),
    );
  };
}
