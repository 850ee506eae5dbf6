/**
 * Every failure a user can cause or meet is an AppError with a stable code. The code is mapped once to a
 * CLI exit code (here) and once to an HTTP status (in the server), so callers never guess.
 */
export type ErrorCode =
  | 'E_USAGE'
  | 'E_INPUT_NOT_FOUND'
  | 'E_REFERENCE_INVALID'
  | 'E_ARCHIVE_INVALID'
  | 'E_LAYOUT_INVALID'
  | 'E_MANIFEST_INVALID'
  | 'E_MANIFEST_UNKNOWN'
  | 'E_MANIFEST_UNSUPPORTED'
  | 'E_CONFIG_INVALID'
  | 'E_PLATFORM_NOT_FOUND'
  | 'E_BLOB_MISSING'
  | 'E_DIGEST_MISMATCH'
  | 'E_LAYER_CORRUPT'
  | 'E_LAYER_UNSUPPORTED'
  | 'E_LAYER_UNSAFE_PATH'
  | 'E_LIMIT_EXCEEDED'
  | 'E_REGISTRY_UNREACHABLE'
  | 'E_REGISTRY_AUTH'
  | 'E_REGISTRY_DENIED'
  | 'E_REGISTRY_RESPONSE'
  | 'E_REGISTRY_INSECURE'
  | 'E_CREDENTIALS'
  | 'E_SBOM_INVALID'
  | 'E_VEX_INVALID'
  | 'E_VERSION_INVALID'
  | 'E_SCHEME_UNKNOWN'
  | 'E_DB_MISSING'
  | 'E_DB_CORRUPT'
  | 'E_FEED'
  | 'E_NOT_IMPLEMENTED'
  | 'E_EVENT_INVALID'
  | 'E_PERIOD_INVALID'
  | 'E_PERIOD_OPEN'
  | 'E_NOT_ENTITLED'
  | 'E_AUTH_REQUIRED'
  | 'E_FORBIDDEN'
  | 'E_NOT_FOUND'
  | 'E_CONFLICT'
  | 'E_REQUEST_INVALID'
  | 'E_PAYLOAD_TOO_LARGE'
  | 'E_INTERNAL';

export interface AppErrorOptions {
  /** Where it happened: a file, a layer digest, a URL. Shown after the message. */
  where?: string;
  /** What the user can do next. */
  hint?: string;
  cause?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly where: string | undefined;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.where = options.where;
    this.hint = options.hint;
  }

  /** One line: what, where, what to do next. */
  oneLine(): string {
    const where = this.where ? ` (${this.where})` : '';
    const hint = this.hint ? `; ${this.hint}` : '';
    return `${this.message}${where}${hint}`.replace(/\s*\n\s*/g, ' ');
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** sysexits-style exit codes; 2 stays free for "findings remain" (--exit-code), as Docker Scout does. */
const exitCodes: Record<ErrorCode, number> = {
  E_USAGE: 64,
  E_INPUT_NOT_FOUND: 66,
  E_REFERENCE_INVALID: 64,
  E_ARCHIVE_INVALID: 65,
  E_LAYOUT_INVALID: 65,
  E_MANIFEST_INVALID: 65,
  E_MANIFEST_UNKNOWN: 66,
  E_MANIFEST_UNSUPPORTED: 65,
  E_CONFIG_INVALID: 65,
  E_PLATFORM_NOT_FOUND: 66,
  E_BLOB_MISSING: 66,
  E_DIGEST_MISMATCH: 65,
  E_LAYER_CORRUPT: 65,
  E_LAYER_UNSUPPORTED: 65,
  E_LAYER_UNSAFE_PATH: 65,
  E_LIMIT_EXCEEDED: 65,
  E_REGISTRY_UNREACHABLE: 69,
  E_REGISTRY_AUTH: 77,
  E_REGISTRY_DENIED: 77,
  E_REGISTRY_RESPONSE: 69,
  E_REGISTRY_INSECURE: 69,
  E_CREDENTIALS: 77,
  E_SBOM_INVALID: 65,
  E_VEX_INVALID: 65,
  E_VERSION_INVALID: 65,
  E_SCHEME_UNKNOWN: 65,
  E_DB_MISSING: 66,
  E_DB_CORRUPT: 65,
  E_FEED: 69,
  E_NOT_IMPLEMENTED: 70,
  E_EVENT_INVALID: 65,
  E_PERIOD_INVALID: 64,
  E_PERIOD_OPEN: 75,
  E_NOT_ENTITLED: 77,
  E_AUTH_REQUIRED: 77,
  E_FORBIDDEN: 77,
  E_NOT_FOUND: 66,
  E_CONFLICT: 65,
  E_REQUEST_INVALID: 65,
  E_PAYLOAD_TOO_LARGE: 65,
  E_INTERNAL: 70,
};

export function exitCodeFor(error: unknown): number {
  return isAppError(error) ? exitCodes[error.code] : 70;
}

/** Wraps anything thrown into an AppError, keeping AppErrors as they are. */
export function toAppError(error: unknown, fallback: ErrorCode = 'E_INTERNAL', where?: string): AppError {
  if (isAppError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new AppError(fallback, message, { where, cause: error });
}
