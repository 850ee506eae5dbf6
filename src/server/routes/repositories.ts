import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../../core/errors.js';
import { guardedRoute } from '../access.js';
import type { AppEnv } from '../context.js';
import {
  body,
  ErrorSchema,
  errors,
  json,
  ModeSchema,
  OrgIdParams,
  OrgParam,
  page,
  pageQuery,
  RepositorySchema,
} from '../schemas.js';

const ListQuery = z.strictObject({
  ...pageQuery,
  registryId: z.string().max(100).optional(),
  mode: ModeSchema.optional(),
  search: z.string().max(200).optional(),
  sort: z.enum(['name', '-name', 'lastPushedAt', '-lastPushedAt']).optional(),
});
const SettingsBody = z.strictObject({ mode: ModeSchema });
const Tag = z.object({ tag: z.string(), digest: z.string(), pushedAt: z.string() });

const list = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/repositories',
  description: 'Repositories, filtered (`registryId`, `mode`, `search`), sorted and paginated.',
  request: { params: OrgParam, query: ListQuery },
  responses: { 200: json(page(RepositorySchema), 'repositories'), ...errors },
});
const get = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/repositories/{id}',
  request: { params: OrgIdParams },
  responses: { 200: json(RepositorySchema, 'the repository'), ...errors },
});
const tags = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/repositories/{id}/tags',
  description: 'Where each tag points now, newest push first.',
  request: { params: OrgIdParams },
  responses: { 200: json(z.object({ items: z.array(Tag) }), 'tags'), ...errors },
});
const settings = guardedRoute('editor', {
  method: 'put',
  path: '/api/orgs/{org}/repositories/{id}/settings',
  description:
    'The analysis mode: none, point-in-time (scanned on push, frozen) or continuous. Turning analysis on checks the organization’s cap and analyses the newest tags at once.',
  request: { params: OrgIdParams, ...body(SettingsBody) },
  responses: {
    200: json(z.object({ repository: RepositorySchema, enqueued: z.number() }), 'updated'),
    ...errors,
    409: json(ErrorSchema, 'over the cap'),
  },
});

export function registerRepositories(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) =>
    c.json(
      await c.get('services').store.repositories.list(c.get('access').org.id, c.req.valid('query')),
      200,
    ),
  );
  app.openapi(get, async (c) => {
    const found = await c
      .get('services')
      .store.repositories.get(c.get('access').org.id, c.req.valid('param').id);
    if (!found) throw new AppError('E_NOT_FOUND', 'no such repository in this organization');
    return c.json(found, 200);
  });
  app.openapi(tags, async (c) => {
    const { store } = c.get('services');
    const { org } = c.get('access');
    const { id } = c.req.valid('param');
    if (!(await store.repositories.get(org.id, id)))
      throw new AppError('E_NOT_FOUND', 'no such repository in this organization');
    return c.json({ items: await store.repositories.tags(org.id, id) }, 200);
  });
  app.openapi(settings, async (c) => {
    const result = await c
      .get('services')
      .repositories.setMode(c.get('access'), c.req.valid('param').id, c.req.valid('json').mode);
    return c.json(result, 200);
  });
}
