import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../../core/errors.js';
import { guardedRoute } from '../access.js';
import type { AppEnv } from '../context.js';
import {
  errors,
  FindingSchema,
  HistorySchema,
  ImageSchema,
  json,
  OrgIdParams,
  OrgParam,
  page,
  pageQuery,
  SeveritySchema,
} from '../schemas.js';

const ListQuery = z.strictObject({
  ...pageQuery,
  repositoryId: z.string().max(100).optional(),
  tag: z.string().max(128).optional(),
  sort: z.enum(['pushedAt', '-pushedAt', 'critical', '-critical']).optional(),
});
const FindingsQuery = z.strictObject({ ...pageQuery, severity: SeveritySchema.optional() });
const notFound = () => new AppError('E_NOT_FOUND', 'no such image in this organization');

const list = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/images',
  description: 'Analysed images, newest push first unless sorted otherwise.',
  request: { params: OrgParam, query: ListQuery },
  responses: { 200: json(page(ImageSchema), 'images'), ...errors },
});
const get = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/images/{id}',
  request: { params: OrgIdParams },
  responses: { 200: json(ImageSchema, 'the image'), ...errors },
});
const findings = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/images/{id}/findings',
  description: 'The image’s vulnerabilities, most severe first.',
  request: { params: OrgIdParams, query: FindingsQuery },
  responses: { 200: json(page(FindingSchema), 'findings'), ...errors },
});
const history = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/images/{id}/history',
  description: 'Vulnerability counts over time: the analysis, then each re-evaluation.',
  request: { params: OrgIdParams },
  responses: { 200: json(z.object({ items: z.array(HistorySchema) }), 'history'), ...errors },
});
const sbom = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/images/{id}/sbom',
  description: 'The stored SBOM (crowsnest native JSON).',
  request: { params: OrgIdParams },
  responses: { 200: json(z.object({}).loose(), 'SBOM'), ...errors },
});
const report = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/images/{id}/report',
  description:
    'The stored report (the frozen one for point-in-time images), in the report JSON of `crowsnest cves --format json`.',
  request: { params: OrgIdParams },
  responses: { 200: json(z.object({}).loose(), 'report'), ...errors },
});

export function registerImages(app: OpenAPIHono<AppEnv>): void {
  app.openapi(list, async (c) =>
    c.json(await c.get('services').store.images.list(c.get('access').org.id, c.req.valid('query')), 200),
  );
  app.openapi(get, async (c) => {
    const image = await c.get('services').store.images.get(c.get('access').org.id, c.req.valid('param').id);
    if (!image) throw notFound();
    return c.json(image, 200);
  });
  app.openapi(findings, async (c) => {
    const { store } = c.get('services');
    const { org } = c.get('access');
    const { id } = c.req.valid('param');
    if (!(await store.images.get(org.id, id))) throw notFound();
    return c.json(await store.images.findings(org.id, id, c.req.valid('query')), 200);
  });
  app.openapi(history, async (c) => {
    const { store } = c.get('services');
    const { org } = c.get('access');
    const { id } = c.req.valid('param');
    if (!(await store.images.get(org.id, id))) throw notFound();
    return c.json({ items: await store.images.history(org.id, id) }, 200);
  });
  app.openapi(sbom, async (c) => {
    const found = await c.get('services').store.images.sbom(c.get('access').org.id, c.req.valid('param').id);
    if (!found) throw notFound();
    c.header('Content-Disposition', `attachment; filename="sbom-${c.req.valid('param').id}.json"`);
    return c.json(found as unknown as Record<string, unknown>, 200);
  });
  app.openapi(report, async (c) => {
    const found = await c
      .get('services')
      .store.images.report(c.get('access').org.id, c.req.valid('param').id);
    if (!found) throw notFound();
    return c.json(found as unknown as Record<string, unknown>, 200);
  });
}
