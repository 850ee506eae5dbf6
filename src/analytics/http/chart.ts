import { AppError } from '../../core/errors.js';
import { dayOf, type Granularity, isoDate, monthStartDay, periodOf, weekStartDay } from '../periods.js';
import { pullSeries } from '../series.js';
import { namespaceOf } from '../settings.js';
import { canRead, type RouteContext } from './context.js';
import { json } from './respond.js';

const MONTHS = [3, 6, 12];

/** The closed periods of the last `months` months (the current, open period excluded). */
export function closedPeriods(granularity: Granularity, months: number, now: number): number[] {
  const today = dayOf(now);
  const thisMonth = monthStartDay(today);
  const date = new Date(thisMonth * 86_400_000);
  const from = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() - months, 1) / 86_400_000;
  const starts: number[] = [];
  let start = granularity === 'weekly' ? weekStartDay(from) + (weekStartDay(from) < from ? 7 : 0) : from;
  while (periodOf(start, granularity).endDay <= today) {
    starts.push(start);
    start = periodOf(start, granularity).endDay;
  }
  return starts;
}

/**
 * Chart data (F8): weekly or monthly pulls over the last 3, 6 or 12 months for one or more
 * repositories. The query string is the selection, so a link to it reopens the same chart.
 */
export async function chartData(ctx: RouteContext): Promise<Response> {
  const { searchParams } = ctx.url;
  const granularity = (searchParams.get('granularity') ?? 'weekly') as Granularity;
  const months = Number(searchParams.get('months') ?? 3);
  const repos = [
    ...new Set(
      searchParams
        .getAll('repos')
        .flatMap((r) => r.split(','))
        .filter(Boolean),
    ),
  ].sort();
  if (granularity !== 'weekly' && granularity !== 'monthly')
    throw new AppError('E_USAGE', 'granularity is weekly or monthly');
  if (!MONTHS.includes(months)) throw new AppError('E_USAGE', 'months is 3, 6 or 12');
  if (repos.length === 0 || repos.length > 50)
    throw new AppError('E_USAGE', 'repos lists 1 to 50 repositories');
  const hidden = repos.find((r) => !canRead(ctx.access, namespaceOf(r)));
  if (hidden) throw new AppError('E_INPUT_NOT_FOUND', `no repository ${hidden}`);
  const starts = closedPeriods(granularity, months, ctx.now);
  const points = starts.length
    ? await pullSeries(ctx.options.store, {
        granularity,
        fromDay: starts[0] as number,
        toDay: periodOf(starts.at(-1) as number, granularity).endDay,
        repositories: repos,
        group: 'repo',
      })
    : [];
  const byKey = new Map(points.map((p) => [`${p.key} ${p.start}`, p]));
  const selection = new URLSearchParams({ granularity, months: String(months), repos: repos.join(',') });
  return json({
    selection: { granularity, months, repos },
    share: `${ctx.base}/chart?${selection}`,
    periods: starts.map(isoDate),
    series: repos.map((repo) => ({
      repo,
      points: starts.map((start) => {
        const p = byKey.get(`${repo} ${isoDate(start)}`);
        const downloads = p?.downloads ?? 0;
        const versionChecks = p?.versionChecks ?? 0;
        return {
          start: isoDate(start),
          downloads,
          versionChecks,
          pulls: downloads + versionChecks,
          uniqueClients: p?.uniqueClients ?? 0,
        };
      }),
    })),
  });
}
