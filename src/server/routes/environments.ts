import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../../core/errors.js';
import { ENVIRONMENT_NAME, listEnvironments, recordEnvironment } from '../../service/environments.js';
import { guardedRoute } from '../access.js';
import type { AppEnv } from '../context.js';
import { body, errors, ImageSchema, json, OrgParam, pageQuery } from '../schemas.js';

// Environments (B4): `crowsnest environment ENV IMAGE` records a digest per repository and environment.

const Name = z
  .string()
  .regex(ENVIRONMENT_NAME, 'lower-case letters, digits, ".", "_" and "-", e.g. production');

const RecordBody = z
  .strictObject({
    environment: Name,
    image: z
      .string()
      .min(1)
      .max(600)
      .optional()
      .openapi({ description: 'a reference: [registry-host/]repository[:tag][@digest]' }),
    repositoryId: z.string().min(1).max(100).optional(),
    digest: z.string().min(1).max(200).optional(),
    tag: z.string().min(1).max(128).optional(),
  })
  .refine((b) => Boolean(b.image) !== Boolean(b.repositoryId), {
    message: 'give either image, or repositoryId with digest or tag',
  })
  .refine((b) => !b.repositoryId || Boolean(b.digest) !== Boolean(b.tag), {
    message: 'with repositoryId give exactly one of digest and tag',
  });

const EnvironmentImageSchema = z
  .object({
    environment: z.string(),
    repository: z.object({ id: z.string(), name: z.string(), registryId: z.string() }),
    digest: z.string(),
    tags: z.array(z.string()),
    recordedAt: z.string(),
    recordedBy: z.string().optional(),
    images: z.array(ImageSchema),
  })
  .openapi('EnvironmentImage');
const EnvironmentSchema = z
  .object({ name: z.string(), images: z.array(EnvironmentImageSchema) })
  .openapi('Environment');

const ListQuery = z.strictObject({
  ...pageQuery,
  environment: Name.optional(),
  repositoryId: z.string().max(100).optional(),
  sort: z.enum(['name', '-name']).optional(),
});

const record = guardedRoute('editor', {
  method: 'post',
  path: '/api/orgs/{org}/environments',
  description:
    'Records an image into an environment (one digest per repository and environment; recording again moves it). A tag is resolved to the digest it points at now.',
  request: { params: OrgParam, ...body(RecordBody) },
  responses: { 201: json(EnvironmentImageSchema, 'recorded'), ...errors },
});
const list = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/environments',
  description: 'Environments and their images, by name.',
  request: { params: OrgParam, query: ListQuery },
  responses: {
    200: json(z.object({ items: z.array(EnvironmentSchema), total: z.number() }), 'environments'),
    ...errors,
  },
});
const get = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/environments/{name}',
  request: {
    params: OrgParam.extend({ name: Name.openapi({ param: { name: 'name', in: 'path' } }) }),
  },
  responses: { 200: json(EnvironmentSchema, 'the environment'), ...errors },
});

export function registerEnvironments(app: OpenAPIHono<AppEnv>): void {
  app.openapi(record, async (c) => {
    const recorded = await recordEnvironment(c.get('services').store, c.get('access'), c.req.valid('json'));
    return c.json(recorded, 201);
  });
  app.openapi(list, async (c) => {
    const { limit = 50, offset = 0, sort, ...filter } = c.req.valid('query');
    const all = await listEnvironments(c.get('services').store, c.get('access'), filter);
    if (sort === '-name') all.reverse();
    return c.json({ items: all.slice(offset, offset + limit), total: all.length }, 200);
  });
  app.openapi(get, async (c) => {
    const { name } = c.req.valid('param');
    const [found] = await listEnvironments(c.get('services').store, c.get('access'), { environment: name });
    if (!found) throw new AppError('E_NOT_FOUND', `no environment ${name} in this organization`);
    return c.json(found, 200);
  });
}
