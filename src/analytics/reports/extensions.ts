import { isoDate } from '../periods.js';
import {
  dateColumns,
  idList,
  labelIds,
  periodFilter,
  publisherExpression,
  publisherFilter,
  type ReportContext,
  userColumn,
  verifiedRepositories,
} from './context.js';
import type { ReportDefinition } from './definition.js';

const count = (kind: number) => `SUM(CASE WHEN e.kind = ${kind} THEN 1 ELSE 0 END)`;

/**
 * Extension core summary (SPEC F11): installs, uninstalls and updates in the period, and all-time
 * install and uninstall totals up to the period's end. The seed's data-point names are kept as columns
 * after the period, publisher and extension.
 */
function coreSql(ctx: ReportContext): string {
  const end = `CAST('${isoDate(ctx.period.endDay)} 00:00:00' AS TIMESTAMP)`;
  return `SELECT ${dateColumns(ctx)},
  ${publisherExpression(ctx.settings, 'ns.value')} AS PUBLISHER_NAME, x.value AS EXTENSION,
  SUM(CASE WHEN e.kind = 1 AND ${periodFilter(ctx, 'e')} THEN 1 ELSE 0 END) AS "Installs",
  ${count(1)} AS "TotalInstalls",
  SUM(CASE WHEN e.kind = 2 AND ${periodFilter(ctx, 'e')} THEN 1 ELSE 0 END) AS "Uninstalls",
  ${count(2)} AS "TotalUninstalls",
  SUM(CASE WHEN e.kind = 3 AND ${periodFilter(ctx, 'e')} THEN 1 ELSE 0 END) AS "Updates"
FROM extension_events e
JOIN analytics_labels ns ON ns.id = e.namespace_id
JOIN analytics_labels x ON x.id = e.extension_id
WHERE e.ts < ${end}${publisherFilter(ctx, 'e')}
GROUP BY ns.value, x.value
HAVING SUM(CASE WHEN ${periodFilter(ctx, 'e')} THEN 1 ELSE 0 END) > 0
ORDER BY PUBLISHER_NAME, EXTENSION`;
}

/** Extension premium summary: counts and unique users per period; extensions with the verified badge. */
function premiumSql(ctx: ReportContext): string {
  const user = userColumn(ctx);
  const verified = idList(labelIds(ctx, [...verifiedRepositories(ctx).values()].flat()));
  const unique = (kind: number) => `COUNT(DISTINCT CASE WHEN e.kind = ${kind} THEN e.${user} END)`;
  return `SELECT ${dateColumns(ctx)},
  ${publisherExpression(ctx.settings, 'ns.value')} AS PUBLISHER_NAME, x.value AS EXTENSION,
  ${count(1)} AS "Installs", ${unique(1)} AS "UniqueInstalls",
  ${count(2)} AS "Uninstalls", ${unique(2)} AS "UniqueUninstalls",
  ${count(4)} AS "Usage", ${unique(4)} AS "UniqueUsers"
FROM extension_events e
JOIN analytics_labels ns ON ns.id = e.namespace_id
JOIN analytics_labels x ON x.id = e.extension_id
WHERE ${periodFilter(ctx, 'e')} AND e.extension_id IN (${verified})
GROUP BY ns.value, x.value
ORDER BY PUBLISHER_NAME, EXTENSION`;
}

const lead = ['DATE_GRANULARITY', 'DATE_REFERENCE', 'PUBLISHER_NAME', 'EXTENSION'];

export const extensionCoreReport: ReportDefinition = {
  name: 'extensions-core',
  premium: false,
  columns: [...lead, 'Installs', 'TotalInstalls', 'Uninstalls', 'TotalUninstalls', 'Updates'],
  sql: coreSql,
};

export const extensionPremiumReport: ReportDefinition = {
  name: 'extensions-premium',
  premium: true,
  columns: [...lead, 'Installs', 'UniqueInstalls', 'Uninstalls', 'UniqueUninstalls', 'Usage', 'UniqueUsers'],
  sql: premiumSql,
};
