import { AppError } from '../../core/errors.js';
import { type Granularity, isoDate, isoWeekLabel, parsePeriod, periodOf } from '../periods.js';
import { reportCsv } from '../reports/index.js';
import { namespacesWithData, pullSeries } from '../series.js';
import { publisherResolver } from '../settings.js';
import { closedPeriods } from './chart.js';
import { canRead, type RouteContext } from './context.js';
import { json } from './respond.js';
import { signedUrl } from './signing.js';

/** DVP dataviews → our reports (repo- and namespace-summary are levels of the summary report). */
const dataviews: Record<string, string> = {
  raw: 'raw',
  summary: 'summary',
  'repo-summary': 'summary',
  'namespace-summary': 'summary',
  trends: 'trends',
  technographic: 'technographic',
  'technographic-companies': 'technographic-companies',
  'tracked-companies': 'tracked-companies',
};
const premiumViews = ['technographic', 'technographic-companies', 'tracked-companies'];

async function visibleNamespaces(ctx: RouteContext): Promise<Map<string, string[]>> {
  const all = await namespacesWithData(ctx.options.store);
  return new Map([...all].filter(([ns]) => canRead(ctx.access, ns)));
}

function hasBadge(ctx: RouteContext, repositories: string[], badge: string): boolean {
  return repositories.some((r) => ctx.options.settings.badges[r]?.includes(badge as never));
}

/** The operator-granted badges (G1) decide the publisher type, and DVP unlocks the premium views. */
function publisherType(ctx: RouteContext, repositories: string[]): string | null {
  if (hasBadge(ctx, repositories, 'verified_publisher')) return 'DVP';
  if (hasBadge(ctx, repositories, 'sponsored_oss')) return 'DSOS';
  if (hasBadge(ctx, repositories, 'official')) return 'DOI';
  return null;
}

function metadata(ctx: RouteContext, namespace: string, repositories: string[]) {
  const type = publisherType(ctx, repositories);
  const views = Object.keys(dataviews).filter((v) => type === 'DVP' || !premiumViews.includes(v));
  return {
    namespace,
    publisherType: type,
    extraRepos: null,
    extensionPublisher: false,
    datasets: [{ name: 'pulls', views, timespans: ['months', 'weeks'] }],
  };
}

async function namespaceOrFail(ctx: RouteContext, namespace: string): Promise<string[]> {
  const repositories = (await visibleNamespaces(ctx)).get(namespace);
  if (!repositories) throw new AppError('E_INPUT_NOT_FOUND', `no namespace ${namespace}`);
  return repositories;
}

/** `?timespan=months|weeks&period=last-N-months&group=repo|namespace` → PullData. */
async function pullData(
  ctx: RouteContext,
  filter: { namespaces?: string[]; repositories?: string[] },
  group?: 'repo' | 'namespace',
) {
  const params = ctx.url.searchParams;
  const granularity: Granularity = (params.get('timespan') ?? 'months') === 'weeks' ? 'weekly' : 'monthly';
  const months = Number(/^last-(2|3|6|12)-months$/.exec(params.get('period') ?? 'last-3-months')?.[1]);
  if (!months)
    throw new AppError('E_USAGE', 'period is last-2-months, last-3-months, last-6-months or last-12-months');
  const starts = closedPeriods(granularity, months, ctx.now);
  if (!starts.length) return { pulls: null };
  const grouping = group ?? (params.get('group') === 'namespace' ? 'namespace' : 'repo');
  const points = await pullSeries(ctx.options.store, {
    granularity,
    fromDay: starts[0] as number,
    toDay: periodOf(starts.at(-1) as number, granularity).endDay,
    group: grouping,
    ...filter,
  });
  const pulls = points.map((p) => {
    const startDay = Date.parse(`${p.start}T00:00:00Z`) / 86_400_000;
    return {
      start: `${p.start}T00:00:00Z`,
      end: `${isoDate(periodOf(startDay, granularity).endDay - 1)}T00:00:00Z`,
      ...(grouping === 'repo' ? { repo: p.key.slice(p.namespace.length + 1) || p.key } : {}),
      namespace: p.namespace,
      pullCount: p.downloads,
      ipCount: p.uniqueClients,
    };
  });
  return { pulls: pulls.length ? pulls : null };
}

/** Years, months or weeks that have data (for the export listings). */
async function exportPeriods(
  ctx: RouteContext,
  namespace: string,
  granularity: Granularity,
): Promise<number[]> {
  const points = await pullSeries(ctx.options.store, {
    granularity,
    fromDay: 0,
    toDay: periodOf(Math.floor(ctx.now / 86_400_000), granularity).startDay,
    namespaces: [namespace],
    group: 'namespace',
  });
  return points.map((p) => Date.parse(`${p.start}T00:00:00Z`) / 86_400_000);
}

const periodNumber = (day: number, granularity: Granularity) =>
  granularity === 'weekly'
    ? Number(isoWeekLabel(day).slice(6))
    : new Date(day * 86_400_000).getUTCMonth() + 1;
const periodYear = (day: number, granularity: Granularity) =>
  granularity === 'weekly'
    ? Number(isoWeekLabel(day).slice(0, 4))
    : new Date(day * 86_400_000).getUTCFullYear();

async function exportsRoute(ctx: RouteContext, namespace: string, rest: string[]): Promise<Response> {
  await namespaceOrFail(ctx, namespace);
  const [year, type, number, view] = rest;
  if (year === undefined) {
    const days = [...(await exportPeriods(ctx, namespace, 'monthly'))];
    return json({ years: [...new Set(days.map((d) => periodYear(d, 'monthly')))].map((y) => ({ year: y })) });
  }
  if (type !== 'months' && type !== 'weeks')
    throw new AppError('E_INPUT_NOT_FOUND', `no timespan type ${type}`);
  const granularity: Granularity = type === 'weeks' ? 'weekly' : 'monthly';
  const key = type === 'weeks' ? 'week' : 'month';
  const numbers = (await exportPeriods(ctx, namespace, granularity))
    .filter((d) => periodYear(d, granularity) === Number(year))
    .map((d) => periodNumber(d, granularity));
  if (number === undefined) return json({ [`${key}s`]: numbers.map((n) => ({ [key]: n })) });
  if (!numbers.includes(Number(number)))
    throw new AppError('E_INPUT_NOT_FOUND', `no ${key} ${number} in ${year}`);
  if (view === undefined) return json({ [key]: Number(number) });
  return exportLinks(
    ctx,
    namespace,
    granularity,
    `${year}-${type === 'weeks' ? 'W' : ''}${String(number).padStart(2, '0')}`,
    view,
  );
}

/** ResponseData: a signed, expiring link to the CSV, with its size. */
async function exportLinks(
  ctx: RouteContext,
  namespace: string,
  granularity: Granularity,
  label: string,
  view: string,
) {
  const report = dataviews[view];
  if (!report) throw new AppError('E_INPUT_NOT_FOUND', `no dataview ${view}`);
  const publisher = publisherResolver(ctx.options.settings)(namespace);
  const period = parsePeriod(label, granularity);
  let size = 0;
  for await (const chunk of reportCsv(ctx.options.store, ctx.options.settings, report, {
    period,
    publisher,
    now: ctx.now,
  })) {
    size += Buffer.byteLength(chunk);
  }
  const query = new URLSearchParams({ granularity, period: label, publisher });
  const expires = ctx.now + (ctx.options.linkTtlMs ?? 900_000);
  const path = `${ctx.base}/reports/${report}.csv`;
  return json({ data: [{ url: signedUrl(path, query, ctx.options.signingSecret, expires), size }] });
}

/** The DVP Data API, shaped like Docker's (`/v1/…`), over this registry's analytics. */
export async function dataApi(ctx: RouteContext, parts: string[]): Promise<Response> {
  const [head, namespace, sub, repo, tail, ...rest] = parts;
  if (head === undefined) return json({ namespaces: [...(await visibleNamespaces(ctx)).keys()] });
  if (head === 'repos' && namespace === 'pulls') {
    const repos = ctx.url.searchParams
      .getAll('repos')
      .flatMap((r) => r.split(','))
      .filter(Boolean);
    if (repos.length === 0 || repos.length > 50)
      throw new AppError('E_USAGE', 'repos lists 1 to 50 repositories');
    const out: Record<string, unknown> = {};
    for (const name of repos) {
      const ns = name.includes('/') ? (name.split('/')[0] as string) : name;
      out[name] = canRead(ctx.access, ns)
        ? await pullData(ctx, { repositories: [name] }, 'repo')
        : { pulls: null };
    }
    return json({ repos: out });
  }
  if (head !== 'namespaces') throw new AppError('E_INPUT_NOT_FOUND', 'no such endpoint');
  if (namespace === undefined) {
    const visible = await visibleNamespaces(ctx);
    return json([...visible].map(([ns, repos]) => metadata(ctx, ns, repos)));
  }
  const repositories = await namespaceOrFail(ctx, namespace);
  if (sub === undefined) return json(metadata(ctx, namespace, repositories));
  if (sub === 'pulls' && repo === undefined) return json(await pullData(ctx, { namespaces: [namespace] }));
  if (sub === 'pulls' && repo === 'exports' && tail === 'years') return exportsRoute(ctx, namespace, rest);
  if (sub === 'repos' && repo !== undefined && tail === 'pulls' && rest.length === 0) {
    return json(await pullData(ctx, { repositories: [`${namespace}/${repo}`] }, 'repo'));
  }
  throw new AppError('E_INPUT_NOT_FOUND', 'no such endpoint');
}
