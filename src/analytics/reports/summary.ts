import {
  dateColumns,
  periodFilter,
  publisherExpression,
  publisherFilter,
  type ReportContext,
} from './context.js';
import type { ReportDefinition } from './definition.js';

const counts = `SUM(CASE WHEN kind <> 1 THEN 1 ELSE 0 END) AS downloads, SUM(CASE WHEN kind = 1 THEN 1 ELSE 0 END) AS checks`;

/**
 * Summary: repository, tag and digest levels. REFERENCE names the repository, `repository:tag` or
 * `repository@digest` (a bare tag would be ambiguous across repositories).
 */
function sql(ctx: ReportContext): string {
  return `WITH a AS (
  SELECT namespace_id, repository_id, tag_id, digest_id, kind FROM pull_actions a
  WHERE ${periodFilter(ctx)}${publisherFilter(ctx)}
), levels AS (
  SELECT 1 AS lvl, namespace_id, repository_id, 0 AS tag_id, 0 AS digest_id, ${counts} FROM a GROUP BY namespace_id, repository_id
  UNION ALL
  SELECT 2 AS lvl, namespace_id, repository_id, tag_id, 0 AS digest_id, ${counts} FROM a WHERE tag_id <> 0 GROUP BY namespace_id, repository_id, tag_id
  UNION ALL
  SELECT 3 AS lvl, namespace_id, repository_id, 0 AS tag_id, digest_id, ${counts} FROM a GROUP BY namespace_id, repository_id, digest_id
)
SELECT ${dateColumns(ctx)},
  ${publisherExpression(ctx.settings, 'ns.value')} AS PUBLISHER_NAME,
  CASE l.lvl WHEN 1 THEN 'repository' WHEN 2 THEN 'tag' ELSE 'digest' END AS LEVEL,
  CASE l.lvl WHEN 1 THEN r.value WHEN 2 THEN r.value || ':' || t.value ELSE r.value || '@' || d.value END AS REFERENCE,
  l.downloads AS DATA_DOWNLOADS, l.checks AS VERSION_CHECKS, l.downloads + l.checks AS EVENT_COUNT
FROM levels l
JOIN analytics_labels ns ON ns.id = l.namespace_id
JOIN analytics_labels r ON r.id = l.repository_id
JOIN analytics_labels t ON t.id = l.tag_id
JOIN analytics_labels d ON d.id = l.digest_id
ORDER BY PUBLISHER_NAME, r.value, l.lvl, REFERENCE`;
}

export const summaryReport: ReportDefinition = {
  name: 'summary',
  premium: false,
  columns: [
    'DATE_GRANULARITY',
    'DATE_REFERENCE',
    'PUBLISHER_NAME',
    'LEVEL',
    'REFERENCE',
    'DATA_DOWNLOADS',
    'VERSION_CHECKS',
    'EVENT_COUNT',
  ],
  sql,
};
