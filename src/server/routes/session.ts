import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { guardedRoute, SESSION_COOKIE } from '../access.js';
import type { AppEnv } from '../context.js';
import { body, ErrorSchema, errors, json, OrgSchema, RoleSchema, UserSchema } from '../schemas.js';

const Email = z.email().max(320);
const Password = z.string().min(8).max(1024);
const Slug = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes');

const SetupBody = z.strictObject({
  setupToken: z.string().min(1).max(200),
  email: Email,
  password: Password,
  name: z.string().min(1).max(200).optional(),
  orgSlug: Slug.optional(),
  orgName: z.string().min(1).max(200).optional(),
});
const SignInBody = z.strictObject({ email: Email, password: z.string().min(1).max(1024) });
const Me = z.object({ user: UserSchema, orgs: z.array(OrgSchema.extend({ role: RoleSchema })) });

const setupState = guardedRoute('public', {
  method: 'get',
  path: '/api/setup',
  description: 'Whether the server still needs its first owner.',
  responses: { 200: json(z.object({ needed: z.boolean() }), 'setup state') },
});
const setup = guardedRoute('public', {
  method: 'post',
  path: '/api/setup',
  description: 'Creates the first owner and organization with the one-time setup token `serve` printed.',
  request: body(SetupBody),
  responses: {
    201: json(Me, 'owner created and signed in'),
    ...errors,
    409: json(ErrorSchema, 'already set up'),
  },
});
const signIn = guardedRoute('public', {
  method: 'post',
  path: '/api/session',
  description: 'Signs in: sets the session cookie.',
  request: body(SignInBody),
  responses: { 200: json(Me, 'signed in'), ...errors },
});
const signOut = guardedRoute('signed-in', {
  method: 'delete',
  path: '/api/session',
  description: 'Signs out: ends the session.',
  responses: { 204: { description: 'signed out' }, ...errors },
});
const me = guardedRoute('signed-in', {
  method: 'get',
  path: '/api/me',
  description: 'The signed-in user and their organizations.',
  responses: { 200: json(Me, 'the caller'), ...errors },
});

export interface SessionCookieOptions {
  /** Mark the cookie Secure (behind HTTPS). */
  secure: boolean;
}

function startSession(
  c: Context<AppEnv>,
  secret: string,
  expiresAt: string,
  options: SessionCookieOptions,
): void {
  setCookie(c, SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: options.secure,
    expires: new Date(expiresAt),
  });
}

export function registerSession(app: OpenAPIHono<AppEnv>, cookie: SessionCookieOptions): void {
  app.openapi(setupState, async (c) => c.json({ needed: await c.get('services').auth.needsSetup() }, 200));
  app.openapi(setup, async (c) => {
    const { auth, store } = c.get('services');
    const { setupToken, ...input } = c.req.valid('json');
    const { user } = await auth.bootstrap(input, setupToken);
    const signedIn = await auth.signIn(input.email, input.password);
    startSession(c, signedIn.secret, signedIn.session.expiresAt, cookie);
    return c.json({ user, orgs: await store.orgs.listForUser(user.id) }, 201);
  });
  app.openapi(signIn, async (c) => {
    const { auth, store } = c.get('services');
    const { email, password } = c.req.valid('json');
    const { secret, session, user } = await auth.signIn(email, password);
    startSession(c, secret, session.expiresAt, cookie);
    return c.json({ user, orgs: await store.orgs.listForUser(user.id) }, 200);
  });
  app.openapi(signOut, async (c) => {
    await c.get('services').auth.signOut(c.get('principal'));
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });
  app.openapi(me, async (c) => {
    const { user } = c.get('principal');
    const orgs = await c.get('services').store.orgs.listForUser(user.id);
    const token = c.get('principal').token;
    return c.json({ user, orgs: token ? orgs.filter((o) => o.id === token.orgId) : orgs }, 200);
  });
}
