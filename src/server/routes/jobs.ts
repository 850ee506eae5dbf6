import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { guardedRoute } from '../access.js';
import type { AppEnv } from '../context.js';
import { errors, JobSchema, json, OrgParam, page, pageQuery } from '../schemas.js';

const ListQuery = z.strictObject({
  ...pageQuery,
  state: z.enum(['queued', 'running', 'done', 'failed']).optional(),
  kind: z.string().max(50).optional(),
});

const list = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/jobs',
  description: 'The organization’s analysis jobs, newest first: state, attempts, last error.',
  request: { params: OrgParam, query: ListQuery },
  responses: { 200: json(page(JobSchema), 'jobs'), ...errors },
});

export function registerJobs(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) =>
    c.json(
      await c.get('services').store.jobs.list({ ...c.req.valid('query'), orgId: c.get('access').org.id }),
      200,
    ),
  );
}
