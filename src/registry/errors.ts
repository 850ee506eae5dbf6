import { isDigest } from '../core/digest.js';
import { AppError } from '../core/errors.js';
import { isRepositoryName, isTag } from '../image/reference.js';
import { networkErrorCode } from './retry.js';

/** What a request was for, so every error can name the registry, repository and digest or tag. */
export interface RequestTarget {
  registry: string;
  repository?: string;
  /** A tag or digest. */
  reference?: string;
  kind: 'ping' | 'manifest' | 'blob' | 'tags' | 'catalog' | 'referrers' | 'token';
}

export function describeTarget(target: RequestTarget): string {
  if (!target.repository) return target.registry;
  const name = `${target.registry}/${target.repository}`;
  if (!target.reference) return name;
  return target.reference.includes(':') ? `${name}@${target.reference}` : `${name}:${target.reference}`;
}

const loginHint = (registry: string): string =>
  `run "docker login ${registry}" or add credentials for ${registry} to ~/.docker/config.json (or $DOCKER_CONFIG/config.json)`;

/** The `errors[0]` of a distribution error body, when there is one. */
export function registryErrorDetail(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { errors?: { code?: unknown; message?: unknown }[] };
    const first = parsed.errors?.[0];
    if (!first) return undefined;
    return (
      [first.code, first.message].filter((part) => typeof part === 'string' && part).join(': ') || undefined
    );
  } catch {
    return undefined;
  }
}

export function authError(target: RequestTarget, hadCredentials: boolean): AppError {
  const what = target.repository ? `to ${target.repository}` : '';
  const message = hadCredentials
    ? `${target.registry} rejected the credentials ${what}`.trim()
    : `${target.registry} requires authentication ${what}`.trim();
  return new AppError('E_REGISTRY_AUTH', message, {
    where: describeTarget(target),
    hint: loginHint(target.registry),
  });
}

/** Maps a final (non-retried, post-auth) HTTP error status to the AppError a user sees. */
export function statusError(
  status: number,
  body: string,
  target: RequestTarget,
  hadCredentials: boolean,
): AppError {
  const where = describeTarget(target);
  const detail = registryErrorDetail(body);
  if (status === 401) return authError(target, hadCredentials);
  if (status === 403) {
    return new AppError(
      'E_REGISTRY_DENIED',
      `${target.registry} denied access${detail ? ` (${detail})` : ''}`,
      {
        where,
        hint: hadCredentials
          ? 'the account lacks pull permission on this repository'
          : loginHint(target.registry),
      },
    );
  }
  if (status === 404 && target.kind === 'manifest') {
    return new AppError('E_MANIFEST_UNKNOWN', `no such image: ${where}`, {
      where,
      hint: 'check the repository name and tag (crowsnest lists tags with the tags command)',
    });
  }
  if (status === 404 && target.kind === 'blob') {
    return new AppError('E_BLOB_MISSING', `the registry does not have blob ${target.reference ?? ''}`, {
      where,
      hint: 'the image is incomplete in this registry; re-push it',
    });
  }
  if (status === 404 && (target.kind === 'tags' || target.kind === 'referrers')) {
    return new AppError('E_MANIFEST_UNKNOWN', `no such repository: ${where}`, { where });
  }
  return new AppError(
    'E_REGISTRY_RESPONSE',
    `${target.registry} answered HTTP ${status}${detail ? ` (${detail})` : ''}`,
    {
      where,
      hint: status >= 500 ? 'the registry is failing; try again later' : 'the registry refused the request',
    },
  );
}

/** fetch wraps the real reason ("bad port", a socket error) in `TypeError: fetch failed`. */
function innermostMessage(error: unknown): string {
  let current: unknown = error;
  let message = 'unknown';
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    message = current.message;
    current = current.cause;
  }
  return message;
}

/** Maps a failed connection (refused, DNS, reset, TLS) to an AppError naming the registry. */
export function networkError(error: unknown, target: RequestTarget, url: string): AppError {
  if (error instanceof AppError) return error;
  const code = networkErrorCode(error) ?? innermostMessage(error);
  const reason =
    code === 'ECONNREFUSED'
      ? 'connection refused'
      : code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'host name not found'
        : code.startsWith('ERR_SSL') || code.startsWith('ERR_TLS') || code.includes('CERT')
          ? `TLS failed (${code})`
          : `connection failed (${code})`;
  return new AppError('E_REGISTRY_UNREACHABLE', `cannot reach ${target.registry}: ${reason}`, {
    where: `${describeTarget(target)} via ${new URL(url).origin}`,
    hint: 'check the registry name, the network and proxy settings',
    cause: error,
  });
}

/** Refuses names that are not repository paths, tags or digests before they reach a URL. */
export function checkTarget(target: RequestTarget): void {
  const bad = (what: string) =>
    new AppError('E_REFERENCE_INVALID', `invalid ${what}`, { where: describeTarget(target) });
  if (target.repository !== undefined && !isRepositoryName(target.repository)) throw bad('repository name');
  const ref = target.reference;
  if (ref !== undefined && !isDigest(ref) && (target.kind !== 'manifest' || !isTag(ref)))
    throw bad('tag or digest');
}

/** A blob stream whose connection broke after the headers arrived. */
export function brokenStream(error: unknown, target: RequestTarget): AppError {
  if (error instanceof AppError) return error;
  return new AppError(
    'E_REGISTRY_UNREACHABLE',
    `the connection to ${target.registry} broke while reading a blob`,
    {
      where: describeTarget(target),
      hint: 'try again; if it keeps happening, check the network or the registry',
      cause: error,
    },
  );
}
