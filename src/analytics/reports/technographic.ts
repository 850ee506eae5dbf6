import {
  dateColumns,
  idList,
  labelIds,
  periodFilter,
  publisherExpression,
  publisherIdExpression,
  type ReportContext,
  userColumn,
  verifiedRepositories,
} from './context.js';
import type { ReportDefinition } from './definition.js';

/** Pairs need at least this many unique users (seed: privacy and statistical significance). */
export const MIN_PAIR_USERS = 10;

/**
 * The shared part of both technographic reports: who pulled which repository in the period (users by
 * their period pseudonym, companies by their non-excluded domain), and the image pairs that clear the
 * user threshold. A DVP image is a repository with the verified-publisher badge.
 */
function pairsCte(ctx: ReportContext): string {
  const dvp = idList(labelIds(ctx, [...verifiedRepositories(ctx).values()].flat()));
  return `u AS (
  SELECT DISTINCT repository_id, ${userColumn(ctx)} AS user_hash FROM pull_actions a WHERE ${periodFilter(ctx)}
), c AS (
  SELECT DISTINCT repository_id, company_id FROM pull_actions a WHERE ${periodFilter(ctx)} AND company_id <> 0
), repos AS (
  SELECT DISTINCT repository_id, namespace_id FROM pull_actions a WHERE ${periodFilter(ctx)} AND repository_id IN (${dvp})
), user_pairs AS (
  SELECT d.repository_id AS dvp_id, o.repository_id AS paired_id, COUNT(*) AS users
  FROM u d JOIN u o ON o.user_hash = d.user_hash AND o.repository_id <> d.repository_id
  WHERE d.repository_id IN (${dvp})
  GROUP BY d.repository_id, o.repository_id
  HAVING COUNT(*) >= ${MIN_PAIR_USERS}
), domain_pairs AS (
  SELECT d.repository_id AS dvp_id, o.repository_id AS paired_id, d.company_id
  FROM c d JOIN c o ON o.company_id = d.company_id AND o.repository_id <> d.repository_id
  WHERE d.repository_id IN (${dvp})
)`;
}

function technographicSql(ctx: ReportContext): string {
  const publisher = publisherExpression(ctx.settings, 'ns.value');
  return `WITH ${pairsCte(ctx)}, totals AS (
  SELECT repository_id, COUNT(*) AS pullers FROM u GROUP BY repository_id
), domain_totals AS (
  SELECT repository_id, COUNT(*) AS domains FROM c GROUP BY repository_id
), domain_counts AS (
  SELECT dvp_id, paired_id, COUNT(*) AS domains FROM domain_pairs GROUP BY dvp_id, paired_id
)
SELECT ${dateColumns(ctx)},
  ${publisherIdExpression(ctx.settings, publisher)} AS PUBLISHER_ID,
  ${publisher} AS PUBLISHER_NAME,
  r.value AS DVPP_IMAGE, p.value AS PAIRED_IMAGE,
  q.users AS USERS, t.pullers AS TOTAL_PULLERS, ROUND(100.0 * q.users / t.pullers, 2) AS PCT_USERS,
  COALESCE(dc.domains, 0) AS DOMAINS, COALESCE(dt.domains, 0) AS TOTAL_DOMAINS,
  CASE WHEN COALESCE(dt.domains, 0) = 0 THEN 0 ELSE ROUND(100.0 * COALESCE(dc.domains, 0) / dt.domains, 2) END AS PCT_DOMAINS
FROM user_pairs q
JOIN totals t ON t.repository_id = q.dvp_id
JOIN repos ON repos.repository_id = q.dvp_id
LEFT JOIN domain_counts dc ON dc.dvp_id = q.dvp_id AND dc.paired_id = q.paired_id
LEFT JOIN domain_totals dt ON dt.repository_id = q.dvp_id
JOIN analytics_labels ns ON ns.id = repos.namespace_id
JOIN analytics_labels r ON r.id = q.dvp_id
JOIN analytics_labels p ON p.id = q.paired_id
ORDER BY PUBLISHER_NAME, DVPP_IMAGE, USERS DESC, PAIRED_IMAGE`;
}

function companiesSql(ctx: ReportContext): string {
  return `WITH ${pairsCte(ctx)}
SELECT ${dateColumns(ctx)},
  ${publisherExpression(ctx.settings, 'ns.value')} AS PUBLISHER_NAME,
  dom.value AS DOMAIN, r.value AS DVPP_IMAGE, p.value AS PAIRED_IMAGE
FROM domain_pairs dp
JOIN user_pairs q ON q.dvp_id = dp.dvp_id AND q.paired_id = dp.paired_id
JOIN repos ON repos.repository_id = dp.dvp_id
JOIN analytics_labels ns ON ns.id = repos.namespace_id
JOIN analytics_labels dom ON dom.id = dp.company_id
JOIN analytics_labels r ON r.id = dp.dvp_id
JOIN analytics_labels p ON p.id = dp.paired_id
ORDER BY PUBLISHER_NAME, DOMAIN, DVPP_IMAGE, PAIRED_IMAGE`;
}

/** Technographic: images pulled together with each DVP image, by unique users and company domains. */
export const technographicReport: ReportDefinition = {
  name: 'technographic',
  premium: true,
  columns: [
    'DATE_GRANULARITY',
    'DATE_REFERENCE',
    'PUBLISHER_ID',
    'PUBLISHER_NAME',
    'DVPP_IMAGE',
    'PAIRED_IMAGE',
    'USERS',
    'TOTAL_PULLERS',
    'PCT_USERS',
    'DOMAINS',
    'TOTAL_DOMAINS',
    'PCT_DOMAINS',
  ],
  sql: technographicSql,
};

/**
 * Technographic companies: one row per company domain, DVP image and paired image used together. Only
 * pairs of the technographic report (at least ten unique users) are listed, so this report never names
 * a company behind a pairing too small to publish.
 */
export const technographicCompaniesReport: ReportDefinition = {
  name: 'technographic-companies',
  premium: true,
  columns: ['DATE_GRANULARITY', 'DATE_REFERENCE', 'PUBLISHER_NAME', 'DOMAIN', 'DVPP_IMAGE', 'PAIRED_IMAGE'],
  sql: companiesSql,
};
