import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { AppError } from '../core/errors.js';
import type { Principal } from '../service/types.js';
import { roleRank } from '../service/types.js';
import type { Role } from '../store/types.js';
import type { AppEnv } from './context.js';

/**
 * Who may call an endpoint, declared beside it: anyone, a registry holding the webhook secret (checked by
 * the service), any signed-in user, or a member of the org in the path with at least this role.
 */
export type AccessRule = 'public' | 'webhook' | 'signed-in' | Role;

export const SESSION_COOKIE = 'crowsnest_session';

/** Every route's rule by `METHOD /path` (OpenAPI path syntax): the authorization matrix test reads it. */
export const accessRules = new Map<string, AccessRule>();

/** A Bearer token (API token) or the session cookie; a bad token is an error, a stale cookie is anonymous. */
export async function principalOf(c: Context<AppEnv>): Promise<Principal | undefined> {
  const { auth } = c.get('services');
  const header = c.req.header('authorization');
  if (header) {
    const [scheme, secret] = header.trim().split(/\s+/, 2);
    if (scheme?.toLowerCase() !== 'bearer' || !secret) {
      throw new AppError('E_AUTH_REQUIRED', 'the Authorization header must be "Bearer <API token>"');
    }
    return auth.fromToken(secret);
  }
  const cookie = getCookie(c, SESSION_COOKIE);
  return cookie ? auth.fromSession(cookie) : undefined;
}

function guard(rule: AccessRule): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (rule === 'public' || rule === 'webhook') return next();
    const principal = await principalOf(c);
    if (!principal) throw new AppError('E_AUTH_REQUIRED', 'sign in or send an API token');
    c.set('principal', principal);
    if (rule !== 'signed-in') {
      const access = await c.get('services').auth.access(principal, c.req.param('org') ?? '');
      if (roleRank[access.role] < roleRank[rule]) {
        throw new AppError(
          'E_FORBIDDEN',
          `this needs the ${rule} role in ${access.org.slug} (you are ${access.role})`,
        );
      }
      c.set('access', access);
    }
    return next();
  };
}

const security = (rule: AccessRule): Record<string, string[]>[] =>
  rule === 'public'
    ? []
    : rule === 'webhook'
      ? [{ webhookSecret: [] }]
      : [{ bearerAuth: [] }, { sessionCookie: [] }];

/** An OpenAPI route with its access rule enforced (before validation) and recorded. */
export function guardedRoute<R extends RouteConfig>(rule: AccessRule, config: R) {
  accessRules.set(`${config.method.toUpperCase()} ${config.path}`, rule);
  const description = config.description ? `${config.description}\n\n` : '';
  return createRoute({
    ...config,
    description: `${description}Access: ${rule === 'public' || rule === 'webhook' || rule === 'signed-in' ? rule : `${rule} or above`}.`,
    security: security(rule),
    middleware: [guard(rule)] as const,
  });
}
