import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { Context, MiddlewareHandler } from 'hono';
import { namespaceOf } from '../../analytics/settings.js';
import { AppError } from '../../core/errors.js';
import type { OrgAccess } from '../../service/types.js';
import type { Store } from '../../store/types.js';
import { type AccessRule, guardedRoute } from '../access.js';
import type { AppEnv } from '../context.js';
import { OrgParam } from '../schemas.js';
import type { AnalyticsMount } from './analytics-mount.js';

// Pull analytics (issue 7) under /api/orgs/{org}/analytics/…: every CSV report, chart data, the DVP-shaped
// Data API and extension events, served by the analytics module's own handler. The server decides who may
// call (the org's members; extension events need an editor) and what they may read: the namespaces of the
// org's repositories. Signed export links (from the Data API) work without credentials until they expire.
// `/api/analytics/…` serves the same reads for a token's org (the DVP Data API's shape).

const base = '/api/orgs/{org}/analytics';
const Detail = z.object({ detail: z.string() }).openapi('AnalyticsProblem');
const problems = {
  400: { content: { 'application/json': { schema: Detail } }, description: 'bad parameters' },
  401: { content: { 'application/json': { schema: Detail } }, description: 'not signed in' },
  403: { content: { 'application/json': { schema: Detail } }, description: 'role or entitlement (badges)' },
  404: { content: { 'application/json': { schema: Detail } }, description: 'not found or not readable' },
  409: { content: { 'application/json': { schema: Detail } }, description: 'the period is not over yet' },
};
const ok = (type: string, description: string) => ({
  200: { content: { [type]: { schema: z.unknown() } }, description },
});
const Segment = (name: string) => z.string().openapi({ param: { name, in: 'path' } });

/** The documented shapes; one catch-all below serves them (the Data API has paths of any depth). */
const documented: [AccessRule, 'get' | 'post', string, string, Record<string, z.ZodTypeAny>][] = [
  [
    'member',
    'get',
    '/reports/{report}',
    'A CSV report (`summary.csv`, `trends.csv`, `technographic.csv`, `technographic-companies.csv`, `tracked-companies.csv`, `raw.csv`, `extensions.csv`, `extensions-premium.csv`): `?granularity=weekly|monthly&period=2026-W40|2026-09&publisher=NAMESPACE`. A period is reportable once it is over.',
    { report: Segment('report') },
  ],
  [
    'member',
    'get',
    '/chart',
    'Chart data: `?granularity=weekly|monthly&months=3|6|12&repos=ns/a,ns/b`; the query string is the shareable selection.',
    {},
  ],
  [
    'member',
    'get',
    '/v1/namespaces',
    'Data API: the namespaces readable, with their publisher type and views.',
    {},
  ],
  [
    'member',
    'get',
    '/v1/namespaces/{namespace}/pulls',
    'Data API: pulls of a namespace (`?timespan=months|weeks&period=last-3-months&group=repo|namespace`); also `/v1/namespaces/{namespace}/repos/{repo}/pulls`, `/v1/repos/pulls?repos=…` and `/v1/namespaces/{namespace}/pulls/exports/years/…` (signed CSV links).',
    { namespace: Segment('namespace') },
  ],
  [
    'editor',
    'post',
    '/extension-events',
    'Extension events (F11): a JSON array of install, uninstall, update and usage events.',
    {},
  ],
];

/** The namespaces of the org's repositories: what its members may read. */
async function namespacesOf(store: Store, orgId: string): Promise<string[]> {
  const out = new Set<string>();
  for (let offset = 0; ; offset += 500) {
    const page = await store.repositories.list(orgId, { limit: 500, offset });
    for (const repository of page.items) out.add(namespaceOf(repository.name));
    if (offset + 500 >= page.total) return [...out].sort();
  }
}

/** A signed export link, used as it was handed out: no credentials, the signature decides. */
const isSignedLink = (request: Request): boolean =>
  request.method === 'GET' &&
  !request.headers.get('authorization') &&
  new URL(request.url).searchParams.has('signature');

/** `/api/analytics/…`: the org is the token's, or a session user's only one. */
async function callerOrg(c: Context<AppEnv>): Promise<OrgAccess> {
  const principal = c.get('principal');
  const { auth, store } = c.get('services');
  const orgs = await store.orgs.listForUser(principal.user.id);
  const mine = principal.token ? orgs.filter((o) => o.id === principal.token?.orgId) : orgs;
  if (mine.length !== 1) {
    throw new AppError('E_REQUEST_INVALID', 'this account belongs to several organizations', {
      hint: 'use /api/orgs/{org}/analytics/… or an API token (tokens belong to one organization)',
    });
  }
  return auth.access(principal, (mine[0] as { slug: string }).slug);
}

/** Serves one request with the org's namespaces as the readable set. */
async function serve(c: Context<AppEnv>, mount: AnalyticsMount, access: OrgAccess, basePath: string) {
  const namespaces = await namespacesOf(c.get('services').store, access.org.id);
  // the handler reads a bearer token; the server has already decided who is calling
  const headers = new Headers(c.req.raw.headers);
  headers.set('authorization', 'Bearer server-authorized');
  const body = c.req.method === 'POST' ? await c.req.text() : undefined;
  const request = new Request(c.req.url, {
    method: c.req.method,
    headers,
    ...(body !== undefined ? { body } : {}),
  });
  return mount.handle(request, { namespaces }, basePath);
}

export function registerAnalytics(app: OpenAPIHono<AppEnv>, mount: AnalyticsMount): void {
  const guards = new Map<string, MiddlewareHandler<AppEnv>>();
  for (const [rule, method, path, description, params] of documented) {
    const route = guardedRoute(rule, {
      method,
      path: `${base}${path}`,
      description,
      request: { params: OrgParam.extend(params) },
      responses: {
        ...ok(path.startsWith('/reports') ? 'text/csv' : 'application/json', 'the data'),
        ...problems,
      },
    });
    app.openAPIRegistry.registerPath(route);
    guards.set(method, route.middleware[0] as MiddlewareHandler<AppEnv>);
  }
  app.on(['GET', 'POST'], '/api/orgs/:org/analytics/*', async (c, next) => {
    if (isSignedLink(c.req.raw)) return next();
    const guard = guards.get(c.req.method === 'POST' ? 'post' : 'get') as MiddlewareHandler<AppEnv>;
    return guard(c, next);
  });
  app.on(['GET', 'POST'], '/api/orgs/:org/analytics/*', async (c) => {
    const basePath = `/api/orgs/${c.req.param('org')}/analytics`;
    if (isSignedLink(c.req.raw)) return mount.handle(c.req.raw, null, basePath);
    return serve(c, mount, c.get('access'), basePath);
  });
  registerAlias(app, mount);
}

/** The same reads at `/api/analytics/…` for clients that hold a token (the DVP Data API's shape). */
function registerAlias(app: OpenAPIHono<AppEnv>, mount: AnalyticsMount): void {
  const route = guardedRoute('signed-in', {
    method: 'get',
    path: '/api/analytics/{path}',
    description:
      'Every analytics read above without the org in the path (`/api/analytics/v1/namespaces`, `/api/analytics/reports/summary.csv?…`): the org is the token’s, or a signed-in user’s only organization.',
    request: { params: z.object({ path: Segment('path') }) },
    responses: { ...ok('application/json', 'the data'), ...problems },
  });
  app.openAPIRegistry.registerPath(route);
  const guard = route.middleware[0] as MiddlewareHandler<AppEnv>;
  app.get('/api/analytics/*', async (c, next) => (isSignedLink(c.req.raw) ? next() : guard(c, next)));
  app.get('/api/analytics/*', async (c) => {
    if (isSignedLink(c.req.raw)) return mount.handle(c.req.raw, null, '/api/analytics');
    return serve(c, mount, await callerOrg(c), '/api/analytics');
  });
}
