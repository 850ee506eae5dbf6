import {
  dateColumns,
  periodFilter,
  publisherExpression,
  publisherFilter,
  type ReportContext,
  userColumn,
} from './context.js';
import type { ReportDefinition } from './definition.js';

function sql(ctx: ReportContext): string {
  const user = userColumn(ctx);
  return `SELECT ${dateColumns(ctx)},
  ${publisherExpression(ctx.settings, 'ns.value')} AS PUBLISHER_NAME,
  r.value AS IMAGE_REPOSITORY, ns.value AS NAMESPACE, co.value AS IP_COUNTRY, csp.value AS CLOUD_SERVICE_PROVIDER,
  tool.value AS USER_AGENT, t.value AS TAG,
  x.downloads AS DATA_DOWNLOADS, x.checks AS VERSION_CHECKS, x.downloads + x.checks AS PULLS,
  x.auth_users AS UNIQUE_AUTHENTICATED_USERS, x.anon_users AS UNIQUE_UNAUTHENTICATED_USERS
FROM (
  SELECT namespace_id, repository_id, country_id, csp_id, tool_id, tag_id,
    SUM(CASE WHEN kind <> 1 THEN 1 ELSE 0 END) AS downloads,
    SUM(CASE WHEN kind = 1 THEN 1 ELSE 0 END) AS checks,
    COUNT(DISTINCT CASE WHEN authenticated THEN ${user} END) AS auth_users,
    COUNT(DISTINCT CASE WHEN NOT authenticated THEN ${user} END) AS anon_users
  FROM pull_actions a
  WHERE ${periodFilter(ctx)}${publisherFilter(ctx)}
  GROUP BY namespace_id, repository_id, country_id, csp_id, tool_id, tag_id
) x
JOIN analytics_labels ns ON ns.id = x.namespace_id
JOIN analytics_labels r ON r.id = x.repository_id
JOIN analytics_labels co ON co.id = x.country_id
JOIN analytics_labels csp ON csp.id = x.csp_id
JOIN analytics_labels tool ON tool.id = x.tool_id
JOIN analytics_labels t ON t.id = x.tag_id
ORDER BY PUBLISHER_NAME, IMAGE_REPOSITORY, PULLS DESC, IP_COUNTRY, CLOUD_SERVICE_PROVIDER, USER_AGENT, TAG`;
}

/** Trends: pulls by repository, country, cloud provider, client tool and tag, with unique users. */
export const trendsReport: ReportDefinition = {
  name: 'trends',
  premium: false,
  columns: [
    'DATE_GRANULARITY',
    'DATE_REFERENCE',
    'PUBLISHER_NAME',
    'IMAGE_REPOSITORY',
    'NAMESPACE',
    'IP_COUNTRY',
    'CLOUD_SERVICE_PROVIDER',
    'USER_AGENT',
    'TAG',
    'DATA_DOWNLOADS',
    'VERSION_CHECKS',
    'PULLS',
    'UNIQUE_AUTHENTICATED_USERS',
    'UNIQUE_UNAUTHENTICATED_USERS',
  ],
  sql,
};
