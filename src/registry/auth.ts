import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { readCapped } from './body.js';
import type { CredentialLookup, Credentials } from './credentials.js';
import { authError, type RequestTarget, statusError } from './errors.js';
import { type AuthChallenge, parseWwwAuthenticate } from './headers.js';
import type { Transport } from './transport.js';

const tokenResponse = z.object({
  token: z.string().optional(),
  access_token: z.string().optional(),
  expires_in: z.number().optional(),
  issued_at: z.string().optional(),
});

interface CachedToken {
  header: string;
  expiresAt: number;
}

/** The token spec's floor: a token without expires_in lives 60 s. */
const DEFAULT_TOKEN_SECONDS = 60;
/** Renew a little early so a token does not expire in flight. */
const EXPIRY_MARGIN_MS = 5_000;

function repositoryOfScope(scope: string): string | undefined {
  const match = /^repository:(.+):[^:]*$/.exec(scope);
  return match?.[1];
}

function basicHeader(credentials: Credentials | undefined): string | undefined {
  if (!credentials || credentials.password === undefined) return undefined;
  return `Basic ${Buffer.from(`${credentials.username ?? ''}:${credentials.password}`).toString('base64')}`;
}

/**
 * Turns `WWW-Authenticate` challenges into Authorization headers: nothing (anonymous), Basic, or a Bearer
 * token from the challenge's token server, cached per registry and scope until it expires.
 */
export class Authenticator {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly learnt = new Map<string, AuthChallenge[]>();
  private readonly inFlight = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly transport: Transport,
    private readonly credentials: CredentialLookup,
    private readonly now: () => number = Date.now,
  ) {}

  async hasCredentials(registry: string): Promise<boolean> {
    return (await this.credentials(registry)) !== undefined;
  }

  /** The header for a first try, from what `/v2/` (or an earlier 401) said. */
  async authorize(registry: string, scope: string): Promise<string | undefined> {
    const challenges = this.learnt.get(registry) ?? (await this.transport.endpoint(registry)).challenges;
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    if (bearer) return this.bearer(registry, scope, scope, bearer, false);
    if (challenges.some((c) => c.scheme === 'basic')) return basicHeader(await this.credentials(registry));
    return undefined;
  }

  /** After a 401: a new header worth one more try, or undefined when there is nothing new to try. */
  async reauthorize(
    registry: string,
    scope: string,
    challengeHeader: string | null,
    sent: string | undefined,
  ) {
    const challenges = parseWwwAuthenticate(challengeHeader);
    if (challenges.length) this.learnt.set(registry, challenges);
    const bearer = challenges.find((c) => c.scheme === 'bearer');
    if (bearer) {
      // the registry may name the scope it wants (e.g. insufficient_scope); ask for that
      const header = await this.bearer(registry, scope, bearer.params.scope ?? scope, bearer, true);
      return header === sent ? undefined : header;
    }
    if (challenges.some((c) => c.scheme === 'basic')) {
      const header = basicHeader(await this.credentials(registry));
      return header === sent ? undefined : header;
    }
    return undefined;
  }

  private async bearer(
    registry: string,
    cacheScope: string,
    scope: string,
    challenge: AuthChallenge,
    fresh: boolean,
  ) {
    const key = `${registry}\n${cacheScope}`;
    if (!fresh) {
      const cached = this.tokens.get(key);
      if (cached && cached.expiresAt - EXPIRY_MARGIN_MS > this.now()) return cached.header;
      // parallel layer downloads share one token request
      const inFlight = this.inFlight.get(key);
      if (inFlight) return (await inFlight).header;
    }
    const request = this.fetchToken(registry, scope, challenge);
    this.inFlight.set(key, request);
    try {
      const token = await request;
      this.tokens.set(key, token);
      return token.header;
    } finally {
      if (this.inFlight.get(key) === request) this.inFlight.delete(key);
    }
  }

  private async fetchToken(registry: string, scope: string, challenge: AuthChallenge): Promise<CachedToken> {
    const repository = repositoryOfScope(scope);
    const target: RequestTarget = { registry, kind: 'token', ...(repository ? { repository } : {}) };
    const realm = challenge.params.realm;
    if (!realm || !URL.canParse(realm)) {
      throw new AppError(
        'E_REGISTRY_RESPONSE',
        `${registry} asked for a token but named no valid token server`,
        {
          where: `WWW-Authenticate realm "${realm ?? ''}"`,
        },
      );
    }
    const credentials = await this.credentials(registry);
    const response = await this.transport.send(
      tokenRequest(realm, challenge.params.service, scope, credentials, target),
    );
    if (!response.ok) {
      const body = await response.text().catch(() => '');
      throw response.status === 401
        ? authError(target, credentials !== undefined)
        : statusError(response.status, body, target, credentials !== undefined);
    }
    const bytes = await readCapped(response, 1024 * 1024, target, 'token response');
    let parsed: z.infer<typeof tokenResponse>;
    try {
      parsed = tokenResponse.parse(JSON.parse(bytes.toString('utf8')));
    } catch {
      throw new AppError('E_REGISTRY_RESPONSE', 'the token server answered something that is not a token', {
        where: realm,
      });
    }
    const token = parsed.token || parsed.access_token;
    if (!token)
      throw new AppError('E_REGISTRY_RESPONSE', 'the token server answered without a token', {
        where: realm,
      });
    const issued = parsed.issued_at ? Date.parse(parsed.issued_at) : Number.NaN;
    const start = Number.isNaN(issued) ? this.now() : Math.min(issued, this.now());
    const seconds = Math.max(parsed.expires_in ?? DEFAULT_TOKEN_SECONDS, DEFAULT_TOKEN_SECONDS);
    return { header: `Bearer ${token}`, expiresAt: start + seconds * 1000 };
  }
}

/** GET with Basic credentials (or none); an identity token is exchanged with the OAuth2 refresh-token POST. */
function tokenRequest(
  realm: string,
  service: string | undefined,
  scope: string,
  credentials: Credentials | undefined,
  target: RequestTarget,
) {
  if (credentials?.identityToken) {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: credentials.identityToken,
      client_id: 'crowsnest',
      ...(service ? { service } : {}),
      ...(scope ? { scope } : {}),
    });
    return {
      target,
      url: realm,
      method: 'POST' as const,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    };
  }
  const url = new URL(realm);
  if (service) url.searchParams.set('service', service);
  if (scope) url.searchParams.set('scope', scope);
  const authorization = basicHeader(credentials);
  return { target, url: url.toString(), ...(authorization ? { authorization } : {}) };
}
