import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { notificationsOf } from '../../service/notifications/index.js';
import { guardedRoute } from '../access.js';
import type { AppEnv } from '../context.js';
import { body, errors, json, OrgIdParams, OrgParam, pageQuery, SeveritySchema } from '../schemas.js';

// The caller's own in-app feed (E2 pop-ups) and subscription, and the org's team integrations (D7).

const NotificationSchema = z
  .object({
    id: z.string(),
    orgId: z.string(),
    userId: z.string(),
    repositoryId: z.string(),
    imageId: z.string().optional(),
    kind: z.string(),
    severity: SeveritySchema,
    title: z.string(),
    body: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    readAt: z.string().optional(),
  })
  .openapi('Notification');
const SubscriptionSchema = z
  .object({
    orgId: z.string(),
    userId: z.string(),
    scope: z.enum(['all', 'selected']),
    repositoryIds: z.array(z.string()),
  })
  .openapi('Subscription');
const IntegrationSchema = z
  .object({
    id: z.string(),
    kind: z.literal('webhook'),
    name: z.string(),
    urlHint: z
      .string()
      .openapi({ description: 'origin and start of the path: the URL itself is write-only' }),
    enabled: z.boolean(),
    createdAt: z.string(),
  })
  .openapi('Integration');

const FeedQuery = z.strictObject({ ...pageQuery, unreadOnly: z.enum(['true', 'false']).optional() });
const ReadBody = z
  .strictObject({
    ids: z.array(z.string().min(1).max(100)).min(1).max(500).optional(),
    all: z.literal(true).optional(),
  })
  .refine((b) => Boolean(b.ids) !== Boolean(b.all), { message: 'give either ids or all: true' });
const SubscriptionBody = z.strictObject({
  scope: z.enum(['all', 'selected']),
  repositoryIds: z.array(z.string().min(1).max(100)).max(1000).optional(),
});
const Secret = z.string().min(16).max(200);
const IntegrationBody = z.strictObject({
  name: z.string().min(1).max(100),
  url: z.url().max(2000),
  enabled: z.boolean().optional(),
  secret: Secret.optional(),
});
const IntegrationPatch = z.strictObject({
  name: z.string().min(1).max(100).optional(),
  url: z.url().max(2000).optional(),
  enabled: z.boolean().optional(),
  rotateSecret: z.boolean().optional(),
});
const WithSecret = z.object({ integration: IntegrationSchema, secret: z.string() });
const signing =
  'Deliveries are POSTs of a Slack-compatible JSON body `{text, blocks}`, signed: `X-Crowsnest-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" under the secret>`; `X-Crowsnest-Event` and `X-Crowsnest-Delivery` name the event and the delivery. Non-2xx answers are retried with backoff.';

const feed = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/notifications',
  description:
    'The caller’s notifications in the org: unread first, newest first within each; `unread` counts them.',
  request: { params: OrgParam, query: FeedQuery },
  responses: {
    200: json(
      z.object({ items: z.array(NotificationSchema), total: z.number(), unread: z.number() }),
      'notifications',
    ),
    ...errors,
  },
});
const unread = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/notifications/unread-count',
  description: 'How many of the caller’s notifications are unread (for the badge; cheap to poll).',
  request: { params: OrgParam },
  responses: { 200: json(z.object({ unread: z.number() }), 'unread count'), ...errors },
});
const markRead = guardedRoute('member', {
  method: 'post',
  path: '/api/orgs/{org}/notifications/read',
  description:
    'Marks the given notifications (`ids`) or all of them (`all: true`) read; others’ ids are ignored.',
  request: { params: OrgParam, ...body(ReadBody) },
  responses: { 200: json(z.object({ marked: z.number(), unread: z.number() }), 'marked'), ...errors },
});
const getSubscription = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/notifications/subscription',
  description: 'Which repositories the caller hears about: all (the default) or a chosen list.',
  request: { params: OrgParam },
  responses: { 200: json(SubscriptionSchema, 'subscription'), ...errors },
});
const putSubscription = guardedRoute('member', {
  method: 'put',
  path: '/api/orgs/{org}/notifications/subscription',
  request: { params: OrgParam, ...body(SubscriptionBody) },
  responses: { 200: json(SubscriptionSchema, 'subscription'), ...errors },
});
const listIntegrations = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/integrations',
  request: { params: OrgParam },
  responses: { 200: json(z.object({ items: z.array(IntegrationSchema) }), 'integrations'), ...errors },
});
const createIntegration = guardedRoute('editor', {
  method: 'post',
  path: '/api/orgs/{org}/integrations',
  description: `A Slack-compatible webhook. The signing secret is generated unless given, and shown once. ${signing}`,
  request: { params: OrgParam, ...body(IntegrationBody) },
  responses: { 201: json(WithSecret, 'created'), ...errors },
});
const patchIntegration = guardedRoute('editor', {
  method: 'patch',
  path: '/api/orgs/{org}/integrations/{id}',
  description: 'Renames, re-points, turns on or off; `rotateSecret: true` returns a new secret, once.',
  request: { params: OrgIdParams, ...body(IntegrationPatch) },
  responses: {
    200: json(z.object({ integration: IntegrationSchema, secret: z.string().optional() }), 'updated'),
    ...errors,
  },
});
const deleteIntegration = guardedRoute('editor', {
  method: 'delete',
  path: '/api/orgs/{org}/integrations/{id}',
  request: { params: OrgIdParams },
  responses: { 204: { description: 'removed' }, ...errors },
});
const testIntegration = guardedRoute('editor', {
  method: 'post',
  path: '/api/orgs/{org}/integrations/{id}/test',
  description: 'Queues a signed test message; its delivery shows in the org’s jobs (kind `deliver`).',
  request: { params: OrgIdParams },
  responses: { 202: json(z.object({ jobId: z.string() }), 'queued'), ...errors },
});

export function registerNotifications(app: OpenAPIHono<AppEnv>): void {
  const use = (c: { get(key: 'services'): AppEnv['Variables']['services'] }) =>
    notificationsOf(c.get('services'));
  app.openapi(feed, async (c) => {
    const { unreadOnly, ...page } = c.req.valid('query');
    return c.json(
      await use(c).feed.list(c.get('access'), { ...page, unreadOnly: unreadOnly === 'true' }),
      200,
    );
  });
  app.openapi(unread, async (c) => c.json({ unread: await use(c).feed.unreadCount(c.get('access')) }, 200));
  app.openapi(markRead, async (c) => {
    const { ids } = c.req.valid('json');
    const { feed: service } = use(c);
    const marked = await service.markRead(c.get('access'), ids ?? 'all');
    return c.json({ marked, unread: await service.unreadCount(c.get('access')) }, 200);
  });
  app.openapi(getSubscription, async (c) => c.json(await use(c).feed.subscription(c.get('access')), 200));
  app.openapi(putSubscription, async (c) =>
    c.json(await use(c).feed.setSubscription(c.get('access'), c.req.valid('json')), 200),
  );
  app.openapi(listIntegrations, async (c) =>
    c.json({ items: await use(c).integrations.list(c.get('access')) }, 200),
  );
  app.openapi(createIntegration, async (c) =>
    c.json(await use(c).integrations.create(c.get('access'), c.req.valid('json')), 201),
  );
  app.openapi(patchIntegration, async (c) =>
    c.json(
      await use(c).integrations.update(c.get('access'), c.req.valid('param').id, c.req.valid('json')),
      200,
    ),
  );
  app.openapi(deleteIntegration, async (c) => {
    await use(c).integrations.remove(c.get('access'), c.req.valid('param').id);
    return c.body(null, 204);
  });
  app.openapi(testIntegration, async (c) => {
    const job = await use(c).integrations.sendTest(c.get('access'), c.req.valid('param').id);
    return c.json({ jobId: job.id }, 202);
  });
}
