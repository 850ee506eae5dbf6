import { type Granularity, isoDate } from './periods.js';
import { idList } from './reports/context.js';
import type { AnalyticsStore } from './store/store.js';

export interface SeriesQuery {
  granularity: Granularity;
  /** Periods whose first day is in [fromDay, toDay). */
  fromDay: number;
  toDay: number;
  namespaces?: string[];
  repositories?: string[];
  /** One series per repository, or one per namespace. */
  group: 'repo' | 'namespace';
}

export interface SeriesPoint {
  /** First day of the period, YYYY-MM-DD. */
  start: string;
  /** `ns/name` when grouped by repository, else the namespace. */
  key: string;
  namespace: string;
  downloads: number;
  versionChecks: number;
  /** Distinct pseudonymised clients (signed-in users and addresses) in the period. */
  uniqueClients: number;
}

/**
 * Pulls per period and repository (or namespace): what the Data API's pull summaries and the chart
 * read. Uniques are distinct per-period pseudonyms, recomputed per period, never summed.
 */
export async function pullSeries(store: AnalyticsStore, query: SeriesQuery): Promise<SeriesPoint[]> {
  const column = query.granularity === 'weekly' ? 'week_start' : 'month_start';
  const user = query.granularity === 'weekly' ? 'user_week' : 'user_month';
  const label = query.group === 'repo' ? 'repository_id' : 'namespace_id';
  const filters = [
    `a.${column} >= CAST('${isoDate(query.fromDay)}' AS DATE)`,
    `a.${column} < CAST('${isoDate(query.toDay)}' AS DATE)`,
  ];
  const ids = (texts: string[]) => idList(texts.flatMap((t) => store.labels.find(t) ?? []));
  if (query.namespaces) filters.push(`a.namespace_id IN (${ids(query.namespaces)})`);
  if (query.repositories) filters.push(`a.repository_id IN (${ids(query.repositories)})`);
  const rows =
    await store.rows(`SELECT CAST(x.period AS VARCHAR), k.value, ns.value, x.downloads, x.checks, x.uniques
FROM (
  SELECT a.${column} AS period, a.${label} AS key_id, MIN(a.namespace_id) AS namespace_id,
    SUM(CASE WHEN a.kind <> 1 THEN 1 ELSE 0 END) AS downloads,
    SUM(CASE WHEN a.kind = 1 THEN 1 ELSE 0 END) AS checks,
    COUNT(DISTINCT a.${user}) AS uniques
  FROM pull_actions a WHERE ${filters.join(' AND ')}
  GROUP BY a.${column}, a.${label}
) x
JOIN analytics_labels k ON k.id = x.key_id
JOIN analytics_labels ns ON ns.id = x.namespace_id
ORDER BY 1, 2`);
  return rows.map(([start, key, namespace, downloads, checks, uniques]) => ({
    start: String(start),
    key: String(key),
    namespace: String(namespace),
    downloads: Number(downloads),
    versionChecks: Number(checks),
    uniqueClients: Number(uniques),
  }));
}

/** The namespaces that have pull data, and their repositories. */
export async function namespacesWithData(store: AnalyticsStore): Promise<Map<string, string[]>> {
  const rows = await store.rows(`SELECT DISTINCT ns.value, r.value FROM pull_actions a
    JOIN analytics_labels ns ON ns.id = a.namespace_id JOIN analytics_labels r ON r.id = a.repository_id ORDER BY 1, 2`);
  const out = new Map<string, string[]>();
  for (const [namespace, repository] of rows) {
    out.set(String(namespace), [...(out.get(String(namespace)) ?? []), String(repository)]);
  }
  return out;
}
