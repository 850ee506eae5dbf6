import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { defaultDbPath } from '../advisories/store/paths.js';
import { AppError } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import type { Services } from '../service/types.js';
import type { AppEnv } from './context.js';
import { errorResponse, onError } from './errors.js';
import { registerAnalytics } from './routes/analytics.js';
import type { AnalyticsMount } from './routes/analytics-mount.js';
import { registerDashboard } from './routes/dashboard.js';
import { registerEnvironments } from './routes/environments.js';
import { type Lifecycle, registerHealth } from './routes/health.js';
import { registerImages } from './routes/images.js';
import { registerJobs } from './routes/jobs.js';
import { registerNotifications } from './routes/notifications.js';
import { registerOrgs } from './routes/orgs.js';
import { registerRegistries } from './routes/registries.js';
import { registerRepositories } from './routes/repositories.js';
import { registerSession } from './routes/session.js';

export interface AppOptions {
  services: Services;
  /** Largest request body (default 1 MiB); registry notifications get `webhookBodyLimitBytes` (default 8 MiB). */
  bodyLimitBytes?: number;
  webhookBodyLimitBytes?: number;
  /** Mark the session cookie Secure (the server is behind HTTPS). */
  secureCookies?: boolean;
  lifecycle?: Lifecycle;
  /** The advisory database the public CVE endpoint reads (default: the cache directory's). */
  advisoryDbPath?: string;
  /** Pull analytics under /api/orgs/{org}/analytics (absent: not served). */
  analytics?: AnalyticsMount;
}

/** zod's first problem as one line: `email: Invalid email address`, `Unrecognized key: "extra"`. */
function validationError(error: { issues: { path: PropertyKey[]; message: string }[] }): AppError {
  const issue = error.issues[0];
  const where = issue?.path.map(String).join('.') || 'body';
  return new AppError('E_REQUEST_INVALID', issue?.message ?? 'the request is invalid', {
    where,
    hint: 'see /api/openapi.json for the expected shape',
  });
}

function limit(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: (c) =>
      errorResponse(
        c,
        new AppError('E_PAYLOAD_TOO_LARGE', `the request body is larger than ${maxSize} bytes`),
      ),
  });
}

/** The HTTP API: every route validated at the boundary, every error `{ error: { code, message } }`. */
export function createApp(options: AppOptions): OpenAPIHono<AppEnv> {
  const { services } = options;
  const log = services.log.child({ component: 'http' });
  const app = new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error);
    },
  });
  app.use('*', async (c, next) => {
    const started = performance.now();
    const requestId = c.req.header('x-request-id')?.slice(0, 100) || randomUUID();
    c.set('services', services);
    c.set('requestId', requestId);
    c.header('X-Request-Id', requestId);
    await next();
    const ms = Math.round((performance.now() - started) * 10) / 10;
    log.info('request', { method: c.req.method, path: c.req.path, status: c.res.status, ms, requestId });
  });
  const webhookLimit = limit(options.webhookBodyLimitBytes ?? 8 * 1024 * 1024);
  const apiLimit = limit(options.bodyLimitBytes ?? 1024 * 1024);
  app.use('/api/*', (c, next) =>
    /^\/api\/registries\/[^/]+\/events$/.test(c.req.path) ? webhookLimit(c, next) : apiLimit(c, next),
  );
  registerHealth(app, options.lifecycle ?? { draining: false });
  registerSession(app, { secure: options.secureCookies ?? false });
  registerOrgs(app);
  registerRegistries(app);
  registerRepositories(app);
  registerImages(app);
  registerJobs(app);
  registerNotifications(app);
  registerEnvironments(app);
  registerDashboard(app, { advisoryDbPath: options.advisoryDbPath ?? defaultDbPath() });
  if (options.analytics) registerAnalytics(app, options.analytics);
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'API token (cn_…)',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'sessionCookie', {
    type: 'apiKey',
    in: 'cookie',
    name: 'crowsnest_session',
  });
  app.openAPIRegistry.registerComponent('securitySchemes', 'webhookSecret', {
    type: 'http',
    scheme: 'bearer',
    description: 'the registry’s webhook secret',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'crowsnest',
      version: VERSION,
      description: 'Image intelligence for container registries.',
    },
  });
  app.notFound((c) =>
    errorResponse(c, new AppError('E_NOT_FOUND', `no route ${c.req.method} ${c.req.path}`)),
  );
  app.onError(onError(log));
  return app;
}
