import { AppError } from '../../core/errors.js';
import { chartData } from './chart.js';
import type { Access, AnalyticsHttpOptions, RouteContext } from './context.js';
import { dataApi } from './data-api.js';
import { reportDownload } from './exports.js';
import { extensionEvents } from './extension-events.js';
import { errorResponse, problem } from './respond.js';
import { verifySignedUrl } from './signing.js';

async function accessOf(
  request: Request,
  url: URL,
  options: AnalyticsHttpOptions,
  now: number,
): Promise<Access | null> {
  const header = request.headers.get('authorization') ?? '';
  const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
  if (token) return options.authorize(token);
  // A signed export link stands for the token that asked for it (it names its publisher).
  if (
    request.method === 'GET' &&
    url.searchParams.has('signature') &&
    verifySignedUrl(url, options.signingSecret, now)
  )
    return { namespaces: '*' };
  return null;
}

function route(ctx: RouteContext, path: string, request: Request): Promise<Response> {
  if (request.method === 'POST') {
    if (path === '/extension-events') return extensionEvents(ctx, request);
    throw new AppError('E_INPUT_NOT_FOUND', 'no such endpoint');
  }
  const csv = /^\/reports\/([a-z-]+)\.csv$/.exec(path);
  if (csv) return reportDownload(ctx, csv[1] as string);
  if (path === '/chart') return chartData(ctx);
  if (path === '/v1' || path.startsWith('/v1/')) {
    const parts = path.slice(3).split('/').filter(Boolean).map(decodeURIComponent);
    return dataApi(ctx, parts);
  }
  throw new AppError('E_INPUT_NOT_FOUND', 'no such endpoint');
}

/**
 * The analytics HTTP routes as a plain `Request → Response` function, so the server mounts it under
 * its own framework and tests call it without a socket:
 *   GET <base>/reports/<name>.csv?granularity=…&period=…[&publisher=…]   every CSV report
 *   GET <base>/chart?granularity=weekly|monthly&months=3|6|12&repos=a,b    chart data; the query is the share link
 *   GET <base>/v1/…                                                          the DVP-shaped Data API
 *   POST <base>/extension-events                                             extension events (F11), JSON array
 * Every route needs a bearer token (or, for GETs, a signed export link).
 */
export function analyticsHandler(options: AnalyticsHttpOptions): (request: Request) => Promise<Response> {
  const base = options.basePath ?? '/api/analytics';
  return async (request) => {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(base)) return problem(404, 'no such endpoint');
    if (request.method !== 'GET' && request.method !== 'POST') return problem(405, 'GET or POST');
    const now = (options.now ?? Date.now)();
    try {
      const access = await accessOf(request, url, options, now);
      if (!access) return problem(401, 'a bearer token is required');
      return await route(
        { url, access, options, base, now },
        url.pathname.slice(base.length) || '/',
        request,
      );
    } catch (error) {
      return errorResponse(error);
    }
  };
}
