import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { imageDetails, imagePackages, imageVulnerabilities, sbomDocument } from '../../service/dashboard.js';
import { guardedRoute } from '../access.js';
import type { AppEnv } from '../context.js';
import { errors, json, OrgIdParams, page } from '../schemas.js';
import {
  flags,
  ImageDetailsSchema,
  ImagePackageSchema,
  ImagePackagesQuery,
  ImageVulnerabilitiesQuery,
  ImageVulnerabilitySchema,
  SbomQuery,
} from './dashboard-schemas.js';

// One image's pages: details (layers earliest first, the packages each added), packages, vulnerabilities
// with fix, KEV and EPSS, and the SBOM in native, CycloneDX or SPDX JSON.

const details = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/dashboard/images/{id}',
  description:
    'The image, its OS, and its layers earliest first with the Dockerfile step and the packages each introduced.',
  request: { params: OrgIdParams },
  responses: { 200: json(ImageDetailsSchema, 'image details'), ...errors },
});
const packages = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/dashboard/images/{id}/packages',
  request: { params: OrgIdParams, query: ImagePackagesQuery },
  responses: { 200: json(page(ImagePackageSchema), 'packages'), ...errors },
});
const vulnerabilities = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/dashboard/images/{id}/vulnerabilities',
  description:
    'The image’s findings, most severe first unless sorted otherwise; suppressed ones only with `includeSuppressed=true`.',
  request: { params: OrgIdParams, query: ImageVulnerabilitiesQuery },
  responses: { 200: json(page(ImageVulnerabilitySchema), 'vulnerabilities'), ...errors },
});
const sbom = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/dashboard/images/{id}/sbom',
  description: 'The SBOM as a download: `format=native` (default), `cyclonedx` (1.6) or `spdx` (2.3).',
  request: { params: OrgIdParams, query: SbomQuery },
  responses: {
    200: {
      content: {
        'application/json': { schema: z.object({}).loose() },
        'application/vnd.cyclonedx+json': { schema: z.object({}).loose() },
        'application/spdx+json': { schema: z.object({}).loose() },
      },
      description: 'SBOM document',
    },
    ...errors,
  },
});

export function registerDashboardImages(app: OpenAPIHono<AppEnv>): void {
  app.openapi(details, async (c) => {
    const { store } = c.get('services');
    return c.json(await imageDetails(store, c.get('access').org.id, c.req.valid('param').id), 200);
  });
  app.openapi(packages, async (c) => {
    const { store } = c.get('services');
    const { id } = c.req.valid('param');
    return c.json(await imagePackages(store, c.get('access').org.id, id, c.req.valid('query')), 200);
  });
  app.openapi(vulnerabilities, async (c) => {
    const { store } = c.get('services');
    const { id } = c.req.valid('param');
    const { fixAvailable, kev, includeSuppressed, ...rest } = c.req.valid('query');
    const query = { ...rest, ...flags({ fixAvailable, kev, includeSuppressed }) };
    return c.json(await imageVulnerabilities(store, c.get('access').org.id, id, query), 200);
  });
  app.openapi(sbom, async (c) => {
    const { store } = c.get('services');
    const { id } = c.req.valid('param');
    const format = c.req.valid('query').format ?? 'native';
    const doc = await sbomDocument(store, c.get('access').org.id, id, format);
    // a download in the asked format: the typed helpers only know JSON bodies
    const download = new Response(doc.body, {
      status: 200,
      headers: {
        'content-type': doc.contentType,
        'content-disposition': `attachment; filename="${doc.filename}"`,
      },
    });
    return download as never;
  });
}
