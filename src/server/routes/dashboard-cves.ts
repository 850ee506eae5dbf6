import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { cveDetails } from '../../service/dashboard-cves.js';
import { guardedRoute, principalOf } from '../access.js';
import type { AppEnv } from '../context.js';
import { errors, json, pageQuery } from '../schemas.js';
import { AffectedImageSchema } from './dashboard-schemas.js';

const Events = z.array(z.record(z.string(), z.string()));
const AdvisorySchema = z
  .object({
    id: z.string(),
    source: z.string(),
    summary: z.string().optional(),
    details: z.string().optional(),
    severity: z
      .object({
        rating: z.string(),
        score: z.number().optional(),
        type: z.string(),
        vector: z.string().optional(),
        source: z.string(),
      })
      .optional(),
    aliases: z.array(z.string()),
    published: z.string().optional(),
    modified: z.string(),
    withdrawn: z.string().optional(),
    affected: z.array(
      z.object({
        ecosystem: z.string(),
        name: z.string(),
        purl: z.string().optional(),
        ranges: z.array(z.object({ type: z.string(), events: Events })),
        fixedVersions: z.array(z.string()),
        versions: z.array(z.string()),
      }),
    ),
    references: z.array(z.string()),
  })
  .openapi('AdvisoryRecord');

const CveSchema = z
  .object({
    id: z.string(),
    records: z.array(AdvisorySchema),
    kev: z.object({ dateAdded: z.string() }).loose().optional(),
    epss: z.object({ score: z.number(), percentile: z.number() }).loose().optional(),
    affectedImages: z
      .object({ items: z.array(AffectedImageSchema.extend({ org: z.string() })), total: z.number() })
      .optional()
      .openapi({ description: 'signed-in callers only: their organizations’ affected images' }),
  })
  .openapi('Cve');

const cve = guardedRoute('public', {
  method: 'get',
  path: '/api/cves/{id}',
  description:
    'A vulnerability’s advisory records (its whole alias group: CVE, GHSA, distro advisories) with severity, affected ranges and fixed versions, KEV and EPSS. Anyone may read it; a signed-in caller (session or token) also gets the affected images of their organizations (`limit`/`offset` page them).',
  request: {
    params: z.object({
      id: z
        .string()
        .min(3)
        .max(100)
        .regex(/^[A-Za-z0-9][A-Za-z0-9._:-]*$/, 'an advisory id such as CVE-2024-1234 or GHSA-xxxx-xxxx-xxxx')
        .openapi({ param: { name: 'id', in: 'path' } }),
    }),
    query: z.strictObject(pageQuery),
  },
  responses: { 200: json(CveSchema, 'the vulnerability'), ...errors },
});

export function registerDashboardCves(app: OpenAPIHono<AppEnv>, advisoryDbPath: string): void {
  app.openapi(cve, async (c) => {
    const { store } = c.get('services');
    // public: a bad token is still an error, but no credentials at all is fine
    const principal = await principalOf(c);
    const { id } = c.req.valid('param');
    const caller = principal ? { principal, page: c.req.valid('query') } : undefined;
    return c.json(await cveDetails(store, advisoryDbPath, id, caller), 200);
  });
}
