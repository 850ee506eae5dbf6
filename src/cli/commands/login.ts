import { hostname } from 'node:os';
import type { Command } from 'commander';
import { AppError } from '../../core/errors.js';
import { type ClientConfig, readClientConfig, writeClientConfig } from '../client/config.js';
import { call } from '../client/http.js';
import type { CliIo } from '../io.js';

interface LoginFlags {
  token?: string;
  email?: string;
  passwordStdin?: boolean;
  org?: string;
}

interface Me {
  user: { email: string };
  orgs: { slug: string; role: string }[];
}

const DEFAULT_SERVER = 'http://127.0.0.1:8080';

function serverUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(/^[a-z]+:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    throw new AppError('E_USAGE', `not a server URL: ${text}`, { hint: 'e.g. http://127.0.0.1:8080' });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new AppError('E_USAGE', `the server URL must be http or https: ${text}`);
  return url.origin;
}

/** The one organization to use: the one asked for (it must be the caller's), or the caller's only one. */
function pickOrg(orgs: Me['orgs'], asked: string | undefined): Me['orgs'][number] {
  if (asked) {
    const found = orgs.find((o) => o.slug === asked);
    if (!found)
      throw new AppError('E_NOT_FOUND', `you are not a member of ${asked}`, {
        hint: `yours: ${orgs.map((o) => o.slug).join(', ') || 'none'}`,
      });
    return found;
  }
  if (orgs.length !== 1)
    throw new AppError('E_USAGE', `you belong to ${orgs.length} organizations`, {
      hint: `choose one with --org (${orgs.map((o) => o.slug).join(', ')})`,
    });
  return orgs[0] as Me['orgs'][number];
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function withToken(server: string, token: string, org?: string): Promise<ClientConfig> {
  const { body } = await call<Me>(server, 'GET', '/api/me', { token });
  const chosen = pickOrg(body.orgs, org);
  return { server, token, org: chosen.slug, user: body.user.email, role: chosen.role };
}

/** Email and password → a session → a new API token for the CLI → the session signed out again. */
async function withPassword(
  server: string,
  email: string,
  password: string,
  org?: string,
): Promise<ClientConfig> {
  const session = await call<Me>(server, 'POST', '/api/session', { body: { email, password } });
  const cookie = (session.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  try {
    const chosen = pickOrg(session.body.orgs, org);
    const name = `crowsnest CLI on ${hostname()}`.slice(0, 100);
    const created = await call<{ secret: string; token: { role: string } }>(
      server,
      'POST',
      `/api/orgs/${encodeURIComponent(chosen.slug)}/tokens`,
      { cookie, body: { name } },
    );
    return {
      server,
      token: created.body.secret,
      org: chosen.slug,
      user: session.body.user.email,
      role: created.body.token.role,
    };
  } finally {
    await call(server, 'DELETE', '/api/session', { cookie }).catch(() => {});
  }
}

export function registerLogin(program: Command, io: CliIo): void {
  program
    .command('login')
    .description('log in to a crowsnest server: the repo and environment commands use the saved token')
    .argument('[url]', `server URL (default: the saved one, $CROWSNEST_SERVER, or ${DEFAULT_SERVER})`)
    .option('--token <token>', 'an API token (cn_…) made in the dashboard or the API')
    .option('--email <email>', 'sign in with email and password instead: a token is created for this CLI')
    .option('--password-stdin', 'read the password from standard input (else $CROWSNEST_PASSWORD)')
    .option('--org <slug>', 'the organization (default: the token’s, or your only one)')
    .addHelpText(
      'after',
      '\nThe login is saved to $CROWSNEST_CONFIG, else ~/.config/crowsnest/config.json (mode 0600); no password is kept.',
    )
    .action(async (url: string | undefined, flags: LoginFlags) => {
      const server = serverUrl(url ?? io.env.CROWSNEST_SERVER ?? readSavedServer(io.env) ?? DEFAULT_SERVER);
      let config: ClientConfig;
      if (flags.token) config = await withToken(server, flags.token, flags.org);
      else if (flags.email) {
        const password = flags.passwordStdin ? await readStdin() : io.env.CROWSNEST_PASSWORD;
        if (!password)
          throw new AppError('E_USAGE', 'no password given', {
            hint: 'pipe it to --password-stdin, or set CROWSNEST_PASSWORD',
          });
        config = await withPassword(server, flags.email, password, flags.org);
      } else {
        throw new AppError('E_USAGE', 'give --token TOKEN, or --email EMAIL with a password', {
          hint: 'an owner or member creates one with POST /api/orgs/ORG/tokens, or sign in with --email',
        });
      }
      const path = writeClientConfig(io.env, config);
      io.stdout(
        `Logged in to ${server} as ${config.user} in ${config.org} (${config.role}); saved to ${path}\n`,
      );
    });
}

function readSavedServer(env: NodeJS.ProcessEnv): string | undefined {
  try {
    return readClientConfig(env)?.server;
  } catch {
    return undefined;
  }
}
