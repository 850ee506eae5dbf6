import { type OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../../core/errors.js';
import { cachedList } from '../../service/dashboard-lists.js';
import { guardedRoute } from '../access.js';
import type { AppEnv } from '../context.js';
import { errors, ImageSchema, json, OrgIdParams, OrgParam, page } from '../schemas.js';
import { registerDashboardCves } from './dashboard-cves.js';
import { registerDashboardImages } from './dashboard-images.js';
import {
  AffectedImageSchema,
  flags,
  PackageImagesQuery,
  PackagesQuery,
  PackageUsageSchema,
  RepositoryImagesQuery,
  RepositoryOverviewQuery,
  RepositoryOverviewSchema,
  VulnerabilitiesQuery,
  VulnerabilityUsageSchema,
} from './dashboard-schemas.js';

// The dashboard's org-wide lists (item 8): every list pages (`limit`, `offset`, `total`), filters and sorts.

const repositories = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/dashboard/repositories',
  description:
    'Repositories with their last-pushed tag, its platforms and its image’s severity counts; `search` matches the name.',
  request: { params: OrgParam, query: RepositoryOverviewQuery },
  responses: { 200: json(page(RepositoryOverviewSchema), 'repositories'), ...errors },
});
const repositoryImages = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/dashboard/repositories/{id}/images',
  description: 'A repository’s analysed images (tags, digests, pushed time, counts), newest push first.',
  request: { params: OrgIdParams, query: RepositoryImagesQuery },
  responses: { 200: json(page(ImageSchema), 'images'), ...errors },
});
const packages = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/dashboard/packages',
  description:
    'Every package (type, name, version) in the organization’s analysed images, with how many hold it.',
  request: { params: OrgParam, query: PackagesQuery },
  responses: { 200: json(page(PackageUsageSchema), 'packages'), ...errors },
});
const packageImages = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/dashboard/packages/images',
  description: 'The analysed images holding a package (`type`, `name`, optionally `version`).',
  request: { params: OrgParam, query: PackageImagesQuery },
  responses: { 200: json(page(ImageSchema), 'images'), ...errors },
});
const vulnerabilities = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/dashboard/vulnerabilities',
  description:
    'Vulnerabilities across the organization: worst severity, highest CVSS, fix available, KEV, affected images. Suppressed (VEX) findings are left out unless `includeSuppressed=true`.',
  request: { params: OrgParam, query: VulnerabilitiesQuery },
  responses: { 200: json(page(VulnerabilityUsageSchema), 'vulnerabilities'), ...errors },
});
const vulnerabilityImages = guardedRoute('member', {
  method: 'get',
  path: '/api/orgs/{org}/dashboard/vulnerabilities/{id}/images',
  description:
    'The organization’s images with a finding of this vulnerability, one row per image and package.',
  request: {
    params: OrgIdParams,
    query: z.strictObject({ limit: PackageImagesQuery.shape.limit, offset: PackageImagesQuery.shape.offset }),
  },
  responses: { 200: json(page(AffectedImageSchema), 'affected images'), ...errors },
});

export interface DashboardOptions {
  /** The advisory database the public CVE endpoint reads. */
  advisoryDbPath: string;
}

export function registerDashboard(app: OpenAPIHono<AppEnv>, options: DashboardOptions): void {
  app.openapi(repositories, async (c) => {
    const { store } = c.get('services');
    const orgId = c.get('access').org.id;
    const query = c.req.valid('query');
    const result = await cachedList(store, orgId, 'repositories', query, () =>
      store.dashboard.repositories(orgId, query),
    );
    const items = result.items.map((r) => ({ ...r, policy: { status: 'none' as const } }));
    return c.json({ items, total: result.total }, 200);
  });
  app.openapi(repositoryImages, async (c) => {
    const { store } = c.get('services');
    const { org } = c.get('access');
    const { id } = c.req.valid('param');
    if (!(await store.repositories.get(org.id, id)))
      throw new AppError('E_NOT_FOUND', 'no such repository in this organization');
    return c.json(await store.images.list(org.id, { ...c.req.valid('query'), repositoryId: id }), 200);
  });
  app.openapi(packages, async (c) => {
    const { store } = c.get('services');
    const orgId = c.get('access').org.id;
    const query = c.req.valid('query');
    const result = await cachedList(store, orgId, 'packages', query, () =>
      store.dashboard.packages(orgId, query),
    );
    return c.json(result, 200);
  });
  app.openapi(packageImages, async (c) => {
    const { type, name, version, ...pageQuery } = c.req.valid('query');
    const pkg = { type, name, ...(version ? { version } : {}) };
    const { store } = c.get('services');
    return c.json(await store.dashboard.imagesWithPackage(c.get('access').org.id, pkg, pageQuery), 200);
  });
  app.openapi(vulnerabilities, async (c) => {
    const { fixAvailable, kev, includeSuppressed, ...rest } = c.req.valid('query');
    const query = {
      ...rest,
      ...flags({ fixAvailable, kev, includeSuppressed }),
    };
    const { store } = c.get('services');
    const orgId = c.get('access').org.id;
    const result = await cachedList(store, orgId, 'vulnerabilities', query, () =>
      store.dashboard.vulnerabilities(orgId, query),
    );
    return c.json(result, 200);
  });
  app.openapi(vulnerabilityImages, async (c) => {
    const { store } = c.get('services');
    const { id } = c.req.valid('param');
    const result = await store.dashboard.affectedImages([c.get('access').org.id], [id], c.req.valid('query'));
    return c.json(result, 200);
  });
  registerDashboardImages(app);
  registerDashboardCves(app, options.advisoryDbPath);
}
