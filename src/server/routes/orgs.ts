import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { guardedRoute } from '../access.js';
import type { AppEnv } from '../context.js';
import {
  body,
  errors,
  json,
  OrgIdParams,
  OrgParam,
  OrgSchema,
  RoleSchema,
  TokenSchema,
  UserSchema,
} from '../schemas.js';

const Member = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  createdAt: z.string(),
});
const SettingsBody = z.strictObject({
  maxEnabledRepositories: z.number().int().min(0).max(1_000_000).nullable(),
});
const MemberBody = z.strictObject({
  email: z.email().max(320),
  name: z.string().min(1).max(200).optional(),
  password: z.string().min(8).max(1024).optional(),
  role: RoleSchema,
});
const TokenBody = z.strictObject({
  name: z.string().min(1).max(100),
  role: RoleSchema.optional(),
  expiresAt: z.iso.datetime().optional(),
});

const getOrg = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}',
  request: { params: OrgParam },
  responses: { 200: json(OrgSchema, 'the organization'), ...errors },
});
const putSettings = guardedRoute('owner', {
  method: 'patch',
  path: '/api/orgs/{org}/settings',
  description: 'Organization settings: the cap on analysed repositories (null = none).',
  request: { params: OrgParam, ...body(SettingsBody) },
  responses: { 200: json(OrgSchema, 'updated'), ...errors },
});
const listMembers = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/members',
  request: { params: OrgParam },
  responses: { 200: json(z.object({ items: z.array(Member) }), 'members'), ...errors },
});
const addMember = guardedRoute('owner', {
  method: 'post',
  path: '/api/orgs/{org}/members',
  description: 'Adds a member or changes their role; a new email needs a password.',
  request: { params: OrgParam, ...body(MemberBody) },
  responses: { 200: json(UserSchema, 'member added'), ...errors },
});
const listTokens = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/tokens',
  description: 'API tokens: the caller’s own; an owner sees every member’s.',
  request: { params: OrgParam },
  responses: { 200: json(z.object({ items: z.array(TokenSchema) }), 'tokens'), ...errors },
});
const createToken = guardedRoute('member', {
  method: 'post',
  path: '/api/orgs/{org}/tokens',
  description: 'Creates an API token for this organization; the secret is shown once.',
  request: { params: OrgParam, ...body(TokenBody) },
  responses: { 201: json(z.object({ token: TokenSchema, secret: z.string() }), 'created'), ...errors },
});
const revokeToken = guardedRoute('member', {
  method: 'delete',
  path: '/api/orgs/{org}/tokens/{id}',
  description: 'Revokes a token: one’s own, or any as an owner.',
  request: { params: OrgIdParams },
  responses: { 204: { description: 'revoked' }, ...errors },
});

export function registerOrgs(app: OpenAPIHono<AppEnv>): void {
  app.openapi(getOrg, (c) => c.json(c.get('access').org, 200));
  app.openapi(putSettings, async (c) => {
    const org = await c
      .get('services')
      .store.orgs.updateSettings(c.get('access').org.id, c.req.valid('json'));
    return c.json(org, 200);
  });
  app.openapi(listMembers, async (c) => {
    const rows = await c.get('services').store.memberships.listByOrg(c.get('access').org.id);
    return c.json({ items: rows.map(({ orgId: _, ...m }) => m) }, 200);
  });
  app.openapi(addMember, async (c) =>
    c.json(await c.get('services').auth.addMember(c.get('access'), c.req.valid('json')), 200),
  );
  app.openapi(listTokens, async (c) => {
    const access = c.get('access');
    const tokens = await c.get('services').store.tokens.listByOrg(access.org.id);
    const visible =
      access.role === 'owner' ? tokens : tokens.filter((t) => t.userId === access.principal.user.id);
    return c.json({ items: visible }, 200);
  });
  app.openapi(createToken, async (c) =>
    c.json(await c.get('services').auth.createToken(c.get('access'), c.req.valid('json')), 201),
  );
  app.openapi(revokeToken, async (c) => {
    await c.get('services').auth.revokeToken(c.get('access'), c.req.valid('param').id);
    return c.body(null, 204);
  });
}
