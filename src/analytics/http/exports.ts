import { AppError } from '../../core/errors.js';
import { networkAttribution } from '../enrich/attribution.js';
import { type Granularity, parsePeriod } from '../periods.js';
import { reportCsv, reportNamed } from '../reports/index.js';
import { publisherResolver } from '../settings.js';
import { canRead, type RouteContext } from './context.js';
import { streamed } from './respond.js';

/**
 * GET `<base>/reports/<name>.csv?granularity=weekly&period=2026-W40[&publisher=…]`: a CSV report. A
 * token limited to some namespaces must name its publisher, and the publisher's namespaces must all be
 * readable.
 */
export async function reportDownload(ctx: RouteContext, name: string): Promise<Response> {
  reportNamed(name);
  const { searchParams } = ctx.url;
  const granularity = searchParams.get('granularity') as Granularity | null;
  const periodText = searchParams.get('period');
  if ((granularity !== 'weekly' && granularity !== 'monthly') || !periodText) {
    throw new AppError('E_USAGE', 'granularity (weekly or monthly) and period are required');
  }
  const period = parsePeriod(periodText, granularity);
  const publisher = searchParams.get('publisher') ?? undefined;
  if (ctx.access.namespaces !== '*') {
    if (!publisher) throw new AppError('E_USAGE', 'publisher is required for this token');
    const owner = publisherResolver(ctx.options.settings);
    const namespaces = ctx.options.settings.publishers[publisher]?.namespaces ?? [publisher];
    if (!namespaces.every((ns) => canRead(ctx.access, ns) && owner(ns) === publisher)) {
      throw new AppError('E_INPUT_NOT_FOUND', `no publisher ${publisher}`);
    }
  }
  const chunks = reportCsv(ctx.options.store, ctx.options.settings, name, {
    period,
    now: ctx.now,
    ...(publisher ? { publisher } : {}),
  });
  // Start the generator so period and entitlement errors become statuses, not a broken stream.
  const first = await chunks.next();
  async function* rest() {
    if (!first.done) yield first.value;
    yield* chunks;
  }
  return streamed(rest(), {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}-${granularity}-${period.label}.csv"`,
    // the CC BY data behind country, network and domain columns asks for attribution where it is used
    ...(name === 'summary' || name.startsWith('extensions')
      ? {}
      : { 'x-data-attribution': networkAttribution }),
  });
}
