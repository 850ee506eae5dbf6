// A small JSON client for the crowsnest server: bearer token, the server's error shape turned back into
// AppErrors with their code, hint and the next step.
import { AppError, type ErrorCode } from '../../core/errors.js';
import { type ClientConfig, clientConfigPath, readClientConfig } from './config.js';

export interface ServerClient {
  readonly server: string;
  readonly org: string;
  /** `GET /api/orgs/<org>/…` and the like; resolves to the parsed JSON body. */
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

interface ErrorBody {
  error?: { code?: string; message?: string; where?: string; hint?: string };
}

const knownCodes = new Set<string>([
  'E_AUTH_REQUIRED',
  'E_FORBIDDEN',
  'E_NOT_FOUND',
  'E_CONFLICT',
  'E_LIMIT_EXCEEDED',
  'E_REQUEST_INVALID',
  'E_REFERENCE_INVALID',
  'E_PAYLOAD_TOO_LARGE',
  'E_DB_MISSING',
]);

/** Plain `fetch` with the server's errors as AppErrors; a network failure says which server and what to check. */
export async function call<T>(
  server: string,
  method: string,
  path: string,
  init: { token?: string; cookie?: string; body?: unknown } = {},
): Promise<{ body: T; headers: Headers }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.cookie) headers.cookie = init.cookie;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(new URL(path, server), {
      method,
      headers,
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new AppError(
      'E_REGISTRY_UNREACHABLE',
      `cannot reach the crowsnest server: ${(error as Error).message}`,
      {
        where: server,
        hint: "check the URL and that 'crowsnest serve' is running there",
        cause: error,
      },
    );
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) throw serverError(response.status, body as ErrorBody | undefined, server);
  return { body: body as T, headers: response.headers };
}

function serverError(status: number, body: ErrorBody | undefined, server: string): AppError {
  const error = body?.error;
  const code: ErrorCode =
    error?.code && knownCodes.has(error.code)
      ? (error.code as ErrorCode)
      : status === 401
        ? 'E_AUTH_REQUIRED'
        : status === 403
          ? 'E_FORBIDDEN'
          : status === 404
            ? 'E_NOT_FOUND'
            : 'E_REGISTRY_RESPONSE';
  const message = error?.message ?? `the server answered HTTP ${status}`;
  const hint =
    code === 'E_AUTH_REQUIRED'
      ? "the saved token is no longer valid: log in again with 'crowsnest login'"
      : error?.hint;
  return new AppError(code, message, { where: error?.where ?? server, ...(hint ? { hint } : {}) });
}

/** The client for the saved login; `org` overrides the login's organization. */
export function savedClient(env: NodeJS.ProcessEnv, org?: string): ServerClient {
  const config = readClientConfig(env);
  if (!config) {
    throw new AppError('E_AUTH_REQUIRED', 'not logged in to a crowsnest server', {
      where: clientConfigPath(env),
      hint: "run 'crowsnest login URL --token TOKEN' (or '--email you@example.com' with CROWSNEST_PASSWORD or --password-stdin)",
    });
  }
  return clientFor(config, org);
}

export function clientFor(config: ClientConfig, org?: string): ServerClient {
  return {
    server: config.server,
    org: org ?? config.org,
    async request<T>(method: string, path: string, body?: unknown) {
      return (await call<T>(config.server, method, path, { token: config.token, body })).body;
    },
  };
}

/** `/api/orgs/<org><rest>` with the slug escaped. */
export const orgPath = (client: ServerClient, rest: string): string =>
  `/api/orgs/${encodeURIComponent(client.org)}${rest}`;
