import { periodFilter, publisherExpression, publisherFilter, type ReportContext } from './context.js';
import type { ReportDefinition } from './definition.js';

function sql(ctx: ReportContext): string {
  return `SELECT
  CASE a.kind WHEN 1 THEN 'version_check' WHEN 2 THEN 'pull_by_tag' ELSE 'pull_by_digest' END AS "Action",
  CAST(CAST(a.ts AS DATE) AS VARCHAR) AS "Action day",
  co.value AS "Country", d.value AS "Digest", m.value AS "HTTP method", csp.value AS "Host",
  ns.value AS "Namespace",
  CASE WHEN a.tag_id <> 0 THEN t.value ELSE d.value END AS "Reference",
  CASE WHEN r.value = ns.value THEN r.value ELSE SUBSTRING(r.value, LENGTH(ns.value) + 2) END AS "Repository",
  t.value AS "Tag",
  CAST(date_trunc('second', a.ts) AS VARCHAR) AS "Timestamp",
  ty.value AS "Type", tool.value AS "User agent tool", v.value AS "User agent version", dom.value AS "Domain",
  ${publisherExpression(ctx.settings, 'ns.value')} AS "Owner"
FROM pull_actions a
JOIN analytics_labels co ON co.id = a.country_id
JOIN analytics_labels d ON d.id = a.digest_id
JOIN analytics_labels m ON m.id = a.method_id
JOIN analytics_labels csp ON csp.id = a.csp_id
JOIN analytics_labels ns ON ns.id = a.namespace_id
JOIN analytics_labels t ON t.id = a.tag_id
JOIN analytics_labels r ON r.id = a.repository_id
JOIN analytics_labels ty ON ty.id = a.ip_type_id
JOIN analytics_labels tool ON tool.id = a.tool_id
JOIN analytics_labels v ON v.id = a.tool_version_id
JOIN analytics_labels dom ON dom.id = a.domain_id
WHERE ${periodFilter(ctx)}${publisherFilter(ctx)}
ORDER BY a.ts, a.action_key`;
}

/**
 * Raw pull data (SPEC F1): one row per action with the seed's data points, in the seed's order. Domain
 * is the company for business networks and signed-in users, else the network provider's name.
 */
export const rawReport: ReportDefinition = {
  name: 'raw',
  premium: false,
  columns: [
    'Action',
    'Action day',
    'Country',
    'Digest',
    'HTTP method',
    'Host',
    'Namespace',
    'Reference',
    'Repository',
    'Tag',
    'Timestamp',
    'Type',
    'User agent tool',
    'User agent version',
    'Domain',
    'Owner',
  ],
  sql,
};
