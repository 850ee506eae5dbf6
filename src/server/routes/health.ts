import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '../../core/errors.js';
import { accessRules } from '../access.js';
import type { AppEnv } from '../context.js';
import { ErrorSchema, json } from '../schemas.js';

export interface Lifecycle {
  /** True once shutdown began: readiness fails so load balancers stop sending requests. */
  draining: boolean;
}

const Status = z.object({ status: z.string() });

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  description: 'Liveness: the process answers. Access: public.',
  responses: { 200: json(Status, 'alive') },
});

const readyz = createRoute({
  method: 'get',
  path: '/readyz',
  description: 'Readiness: the store answers and the server is not shutting down. Access: public.',
  responses: { 200: json(Status, 'ready'), 503: json(ErrorSchema, 'not ready') },
});

export function registerHealth(app: OpenAPIHono<AppEnv>, lifecycle: Lifecycle): void {
  accessRules.set('GET /healthz', 'public');
  accessRules.set('GET /readyz', 'public');
  app.openapi(healthz, (c) => c.json({ status: 'ok' }, 200));
  app.openapi(readyz, async (c) => {
    if (lifecycle.draining) throw new AppError('E_DB_MISSING', 'the server is shutting down');
    try {
      await c.get('services').store.ping();
    } catch (error) {
      throw new AppError('E_DB_MISSING', 'the store does not answer', { cause: error });
    }
    return c.json({ status: 'ready' }, 200);
  });
}
