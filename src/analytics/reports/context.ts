import { AppError } from '../../core/errors.js';
import { isoDate, type Period } from '../periods.js';
import { type AnalyticsSettings, namespaceOf, publisherResolver } from '../settings.js';
import type { Labels } from '../store/labels.js';

/** What a report is asked for. */
export interface ReportRequest {
  period: Period;
  /** Only this publisher's repositories; all publishers when absent. */
  publisher?: string;
}

export interface ReportContext extends ReportRequest {
  settings: AnalyticsSettings;
  labels: Labels;
}

/** A SQL string literal (operator-supplied names are quoted, never spliced raw). */
export const quote = (text: string): string => `'${text.replace(/'/g, "''")}'`;

/** Ids as a SQL list; an empty set becomes a list that matches nothing. */
export const idList = (ids: number[]): string => (ids.length ? ids.join(', ') : '-1');

/** `a.week_start = CAST('…' AS DATE)` or the month equivalent (the period was parsed: no injection). */
export function periodFilter(ctx: ReportContext, alias = 'a'): string {
  const column = ctx.period.granularity === 'weekly' ? 'week_start' : 'month_start';
  return `${alias}.${column} = CAST('${isoDate(ctx.period.startDay)}' AS DATE)`;
}

/** The per-period pseudonym column: uniques are counted within the report's own period. */
export const userColumn = (ctx: ReportContext): string =>
  ctx.period.granularity === 'weekly' ? 'user_week' : 'user_month';

/** DATE_GRANULARITY and DATE_REFERENCE as literal select items. */
export function dateColumns(ctx: ReportContext): string {
  return `${quote(ctx.period.granularity)} AS DATE_GRANULARITY, ${quote(isoDate(ctx.period.startDay))} AS DATE_REFERENCE`;
}

/** Namespace label (SQL expression) → publisher name, from the settings' publisher namespaces. */
export function publisherExpression(settings: AnalyticsSettings, namespace: string): string {
  const whens = Object.entries(settings.publishers).flatMap(([name, p]) =>
    p.namespaces.map((ns) => `WHEN ${quote(ns)} THEN ${quote(name)}`),
  );
  return whens.length ? `CASE ${namespace} ${whens.join(' ')} ELSE ${namespace} END` : namespace;
}

/** The publisher's PUBLISHER_ID (settings id, else its name). */
export function publisherIdExpression(settings: AnalyticsSettings, publisher: string): string {
  const whens = Object.entries(settings.publishers).flatMap(([name, p]) =>
    p.id ? [`WHEN ${quote(name)} THEN ${quote(p.id)}`] : [],
  );
  return whens.length ? `CASE ${publisher} ${whens.join(' ')} ELSE ${publisher} END` : publisher;
}

/** The namespaces of the requested publisher (its listed ones, else the namespace of that name). */
function namespacesOf(ctx: ReportContext): string[] | null {
  if (ctx.publisher === undefined) return null;
  const listed = ctx.settings.publishers[ctx.publisher]?.namespaces ?? [];
  return listed.length ? listed : [ctx.publisher];
}

/** `AND a.namespace_id IN (…)` for a publisher's report; empty for all publishers. */
export function publisherFilter(ctx: ReportContext, alias = 'a'): string {
  const namespaces = namespacesOf(ctx);
  if (namespaces === null) return '';
  const ids = namespaces.flatMap((ns) => ctx.labels.find(ns) ?? []);
  return ` AND ${alias}.namespace_id IN (${idList(ids)})`;
}

/**
 * Repositories with the verified-publisher badge (G1), grouped by publisher: the DVP images of the
 * premium reports. A publisher without one is not entitled to those reports.
 */
export function verifiedRepositories(ctx: ReportContext): Map<string, string[]> {
  const owner = publisherResolver(ctx.settings);
  const out = new Map<string, string[]>();
  for (const [repository, badges] of Object.entries(ctx.settings.badges)) {
    if (!badges.includes('verified_publisher')) continue;
    const publisher = owner(namespaceOf(repository));
    if (ctx.publisher !== undefined && publisher !== ctx.publisher) continue;
    out.set(publisher, [...(out.get(publisher) ?? []), repository]);
  }
  if (out.size === 0) {
    const who = ctx.publisher === undefined ? 'no publisher has' : `publisher ${ctx.publisher} has no`;
    throw new AppError('E_NOT_ENTITLED', `${who} repository with the verified_publisher badge`, {
      hint: 'premium reports need an operator-granted badge: set "badges" in the analytics settings',
    });
  }
  return out;
}

export const labelIds = (ctx: ReportContext, texts: string[]): number[] =>
  texts.flatMap((text) => ctx.labels.find(text) ?? []);
