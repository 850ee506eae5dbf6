import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../../core/errors.js';
import { publicRegistry } from '../../service/registries.js';
import { guardedRoute } from '../access.js';
import type { AppEnv } from '../context.js';
import { body, ErrorSchema, errors, json, OrgIdParams, OrgParam, RegistrySchema } from '../schemas.js';

const RegistryBody = z.strictObject({
  name: z.string().min(1).max(100),
  url: z.url().max(500),
  username: z.string().min(1).max(200).optional(),
  password: z.string().min(1).max(4000).optional(),
  pollIntervalSeconds: z
    .number()
    .int()
    .min(30)
    .max(7 * 86_400)
    .nullable()
    .optional(),
});
const RegistryPatch = RegistryBody.partial();
const Created = z.object({ registry: RegistrySchema, webhookSecret: z.string(), webhookUrl: z.string() });
const Outcome = z.object({
  events: z.number(),
  enqueued: z.number(),
  pulls: z.number(),
  ignored: z.number(),
});

const list = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/registries',
  request: { params: OrgParam },
  responses: { 200: json(z.object({ items: z.array(RegistrySchema) }), 'registries'), ...errors },
});
const create = guardedRoute('editor', {
  method: 'post',
  path: '/api/orgs/{org}/registries',
  description:
    'Registers a Distribution-compatible registry. The webhook secret is shown once: configure the registry’s notifications endpoint with `webhookUrl` and the header `Authorization: Bearer <webhookSecret>`.',
  request: { params: OrgParam, ...body(RegistryBody) },
  responses: { 201: json(Created, 'registered'), ...errors },
});
const patch = guardedRoute('editor', {
  method: 'patch',
  path: '/api/orgs/{org}/registries/{id}',
  request: { params: OrgIdParams, ...body(RegistryPatch) },
  responses: { 200: json(RegistrySchema, 'updated'), ...errors },
});
const remove = guardedRoute('editor', {
  method: 'delete',
  path: '/api/orgs/{org}/registries/{id}',
  description: 'Removes a registry with its repositories and analyses.',
  request: { params: OrgIdParams },
  responses: { 204: { description: 'removed' }, ...errors },
});
const rotate = guardedRoute('editor', {
  method: 'post',
  path: '/api/orgs/{org}/registries/{id}/webhook-secret',
  description: 'Replaces the webhook secret (shown once).',
  request: { params: OrgIdParams },
  responses: { 200: json(z.object({ webhookSecret: z.string() }), 'new secret'), ...errors },
});
const poll = guardedRoute('editor', {
  method: 'post',
  path: '/api/orgs/{org}/registries/{id}/poll',
  description: 'Lists the registry’s catalog and tags now; new tags of enabled repositories are analysed.',
  request: { params: OrgIdParams },
  responses: { 200: json(z.object({ repositories: z.number(), enqueued: z.number() }), 'polled'), ...errors },
});
const events = guardedRoute('webhook', {
  method: 'post',
  path: '/api/registries/{id}/events',
  description:
    'The registry notification endpoint (Distribution envelopes). Authenticated by the registry’s webhook secret: `Authorization: Bearer <secret>` (or Basic with the secret as password).',
  request: {
    params: z.object({
      id: z
        .string()
        .min(1)
        .max(100)
        .openapi({ param: { name: 'id', in: 'path' } }),
    }),
    body: {
      content: {
        'application/vnd.docker.distribution.events.v1+json': {
          schema: z.object({ events: z.array(z.object({}).loose()) }),
        },
      },
    },
  },
  responses: {
    200: json(Outcome, 'accepted'),
    400: json(ErrorSchema, 'not an envelope'),
    401: json(ErrorSchema, 'bad secret'),
  },
});

/** Parsed by hand: Distribution sends its own JSON media type, which the JSON validator does not take. */
async function readJson(text: Promise<string>): Promise<unknown> {
  const raw = await text;
  try {
    return JSON.parse(raw);
  } catch {
    throw new AppError('E_EVENT_INVALID', 'the notification body is not JSON', { where: 'body' });
  }
}

export function registerRegistries(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) => {
    const rows = await c.get('services').store.registries.listByOrg(c.get('access').org.id);
    return c.json({ items: rows.map(publicRegistry) }, 200);
  });
  app.openapi(create, async (c) => {
    const { registry, webhookSecret } = await c
      .get('services')
      .registries.create(c.get('access'), c.req.valid('json'));
    const webhookUrl = new URL(`/api/registries/${registry.id}/events`, c.req.url).toString();
    return c.json({ registry, webhookSecret, webhookUrl }, 201);
  });
  app.openapi(patch, async (c) =>
    c.json(
      await c
        .get('services')
        .registries.update(c.get('access'), c.req.valid('param').id, c.req.valid('json')),
      200,
    ),
  );
  app.openapi(remove, async (c) => {
    await c.get('services').registries.remove(c.get('access'), c.req.valid('param').id);
    return c.body(null, 204);
  });
  app.openapi(rotate, async (c) =>
    c.json(
      await c.get('services').registries.rotateWebhookSecret(c.get('access'), c.req.valid('param').id),
      200,
    ),
  );
  app.openapi(poll, async (c) => {
    const { store, registries } = c.get('services');
    const id = c.req.valid('param').id;
    if (!(await store.registries.get(c.get('access').org.id, id)))
      throw new AppError('E_NOT_FOUND', 'no such registry in this organization');
    return c.json(await registries.poll(id), 200);
  });
  app.openapi(events, async (c) => {
    const { registries } = c.get('services');
    const { id } = c.req.valid('param');
    const outcome = await registries.receiveEvents(id, c.req.header('authorization'), () =>
      readJson(c.req.text()),
    );
    return c.json(outcome, 200);
  });
}
