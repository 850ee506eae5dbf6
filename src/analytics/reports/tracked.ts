import {
  dateColumns,
  idList,
  labelIds,
  periodFilter,
  publisherExpression,
  type ReportContext,
  userColumn,
  verifiedRepositories,
} from './context.js';
import type { ReportDefinition } from './definition.js';

/** Each publisher's DVP images × its tracked domains (at most `maxTrackedDomains`, in settings order). */
function trackedCondition(ctx: ReportContext): string {
  const parts: string[] = [];
  for (const [publisher, repositories] of verifiedRepositories(ctx)) {
    const domains = (ctx.settings.publishers[publisher]?.trackedDomains ?? []).slice(
      0,
      ctx.settings.maxTrackedDomains,
    );
    const repos = labelIds(ctx, repositories);
    const companies = labelIds(ctx, domains);
    if (repos.length && companies.length) {
      parts.push(`(a.repository_id IN (${idList(repos)}) AND a.company_id IN (${idList(companies)}))`);
    }
  }
  return parts.length ? `(${parts.join(' OR ')})` : '1 = 0';
}

function sql(ctx: ReportContext): string {
  return `SELECT ${dateColumns(ctx)},
  ${publisherExpression(ctx.settings, 'ns.value')} AS PUBLISHER_NAME,
  dom.value AS DOMAIN, co.value AS IP_COUNTRY, csp.value AS CLOUD_SERVICE_PROVIDER, tool.value AS USER_AGENT,
  uc.value AS INFERRED_USE_CASE, r.value AS IMAGE_REPOSITORY,
  x.downloads AS DATA_DOWNLOADS, x.checks AS VERSION_CHECKS, x.downloads + x.checks AS PULLS,
  x.auth_users AS UNIQUE_AUTHENTICATED_USERS
FROM (
  SELECT namespace_id, repository_id, company_id, country_id, csp_id, tool_id, use_case_id,
    SUM(CASE WHEN kind <> 1 THEN 1 ELSE 0 END) AS downloads,
    SUM(CASE WHEN kind = 1 THEN 1 ELSE 0 END) AS checks,
    COUNT(DISTINCT CASE WHEN authenticated THEN ${userColumn(ctx)} END) AS auth_users
  FROM pull_actions a
  WHERE ${periodFilter(ctx)} AND ${trackedCondition(ctx)}
  GROUP BY namespace_id, repository_id, company_id, country_id, csp_id, tool_id, use_case_id
) x
JOIN analytics_labels ns ON ns.id = x.namespace_id
JOIN analytics_labels dom ON dom.id = x.company_id
JOIN analytics_labels co ON co.id = x.country_id
JOIN analytics_labels csp ON csp.id = x.csp_id
JOIN analytics_labels tool ON tool.id = x.tool_id
JOIN analytics_labels uc ON uc.id = x.use_case_id
JOIN analytics_labels r ON r.id = x.repository_id
ORDER BY PUBLISHER_NAME, DOMAIN, IMAGE_REPOSITORY, PULLS DESC, IP_COUNTRY, CLOUD_SERVICE_PROVIDER, USER_AGENT, INFERRED_USE_CASE`;
}

/** Tracked companies: how each tracked company domain uses the publisher's DVP images. */
export const trackedCompaniesReport: ReportDefinition = {
  name: 'tracked-companies',
  premium: true,
  columns: [
    'DATE_GRANULARITY',
    'DATE_REFERENCE',
    'PUBLISHER_NAME',
    'DOMAIN',
    'IP_COUNTRY',
    'CLOUD_SERVICE_PROVIDER',
    'USER_AGENT',
    'INFERRED_USE_CASE',
    'IMAGE_REPOSITORY',
    'DATA_DOWNLOADS',
    'VERSION_CHECKS',
    'PULLS',
    'UNIQUE_AUTHENTICATED_USERS',
  ],
  sql,
};
