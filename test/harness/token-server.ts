import { execFileSync } from 'node:child_process';
import { createPrivateKey, type KeyObject, randomUUID, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface TokenServerOptions {
  users: Record<string, string>;
  /** Where the key and certificate are written. */
  dir: string;
  service: string;
  issuer: string;
  /** Seconds a token lives (the spec's minimum is 60). */
  expiresIn?: number;
  /** Whether anonymous callers get `pull` (otherwise they get a token granting nothing). */
  anonymousPull?: boolean;
  /** identity (refresh) token → user, for the OAuth2 POST flow. */
  identityTokens?: Record<string, string>;
}

export interface TokenRequestRecord {
  method: 'GET' | 'POST';
  user: string | undefined;
  scopes: string[];
  status: number;
}

export interface TokenServer {
  realm: string;
  /** The self-signed certificate the registry trusts (`auth.token.rootcertbundle`). */
  certPath: string;
  requests: TokenRequestRecord[];
  stop(): Promise<void>;
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** An EC P-256 key and a self-signed certificate made by openssl, as a token issuer has. */
function makeSigningKey(dir: string): { key: KeyObject; certPath: string; certDer: string } {
  const keyPath = join(dir, 'token-key.pem');
  const certPath = join(dir, 'token-cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=crowsnest test token issuer',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { stdio: 'ignore' },
  );
  const pem = readFileSync(certPath, 'utf8');
  const certDer = pem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s/g, '');
  return { key: createPrivateKey(readFileSync(keyPath)), certPath, certDer };
}

/** `repository:team/app:pull,push` → { type, name, actions }; names may not contain ':' but hosts could. */
function parseScope(scope: string): { type: string; name: string; actions: string[] } | undefined {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first < 0 || last === first) return undefined;
  return {
    type: scope.slice(0, first),
    name: scope.slice(first + 1, last),
    actions: scope.slice(last + 1).split(','),
  };
}

function basicUser(req: IncomingMessage, users: Record<string, string>): string | undefined | null {
  const header = req.headers.authorization;
  if (!header) return undefined;
  const decoded = Buffer.from(header.replace(/^Basic\s+/i, ''), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const user = decoded.slice(0, colon);
  return colon > 0 && users[user] !== undefined && users[user] === decoded.slice(colon + 1) ? user : null;
}

/**
 * A loopback token server implementing the Docker registry token spec: `GET realm?service=&scope=` with
 * optional Basic credentials answers `{token, access_token, expires_in, issued_at}`, a JWT signed ES256
 * with the certificate in the `x5c` header, which Distribution checks against its rootcertbundle.
 */
export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  const { key, certPath, certDer } = makeSigningKey(options.dir);
  const requests: TokenRequestRecord[] = [];
  const expiresIn = options.expiresIn ?? 300;

  const issue = (user: string | undefined, scopes: string[]): string => {
    const access = scopes.flatMap((scope) => {
      const parsed = parseScope(scope);
      if (!parsed) return [];
      const allowed = user
        ? parsed.actions
        : options.anonymousPull
          ? parsed.actions.filter((a) => a === 'pull')
          : [];
      return allowed.length ? [{ ...parsed, actions: allowed }] : [];
    });
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: 'JWT', alg: 'ES256', x5c: [certDer] };
    const claims = {
      iss: options.issuer,
      sub: user ?? '',
      aud: options.service,
      exp: now + expiresIn,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access,
    };
    const signingInput = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
    const signature = sign('sha256', Buffer.from(signingInput), { key, dsaEncoding: 'ieee-p1363' });
    return `${signingInput}.${base64url(signature)}`;
  };

  const answer = (res: ServerResponse, record: TokenRequestRecord): void => {
    requests.push(record);
    if (record.status !== 200) {
      res
        .writeHead(record.status, { 'content-type': 'application/json' })
        .end('{"details":"bad credentials"}');
      return;
    }
    const token = issue(record.user, record.scopes);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        token,
        access_token: token,
        expires_in: expiresIn,
        issued_at: new Date().toISOString(),
      }),
    );
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    if (req.method === 'POST') {
      // OAuth2 refresh-token grant: how clients holding an identity token (docker login's) get access tokens
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const user = options.identityTokens?.[form.get('refresh_token') ?? ''];
        const scopes = (form.get('scope') ?? '').split(' ').filter(Boolean);
        const valid = form.get('grant_type') === 'refresh_token' && user !== undefined;
        answer(res, { user, scopes, status: valid ? 200 : 401, method: 'POST' });
      });
      return;
    }
    const url = new URL(req.url ?? '/', 'http://token.invalid');
    const scopes = url.searchParams
      .getAll('scope')
      .flatMap((s) => s.split(' '))
      .filter(Boolean);
    const user = basicUser(req, options.users);
    answer(res, { user: user ?? undefined, scopes, status: user === null ? 401 : 200, method: 'GET' });
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    certPath,
    requests,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
