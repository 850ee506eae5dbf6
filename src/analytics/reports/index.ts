import { AppError } from '../../core/errors.js';
import { assertAvailable } from '../periods.js';
import type { AnalyticsSettings } from '../settings.js';
import type { AnalyticsStore } from '../store/store.js';
import type { ReportContext, ReportRequest } from './context.js';
import { csvHeader, csvRows } from './csv.js';
import type { ReportDefinition } from './definition.js';
import { extensionCoreReport, extensionPremiumReport } from './extensions.js';
import { rawReport } from './raw.js';
import { summaryReport } from './summary.js';
import { technographicCompaniesReport, technographicReport } from './technographic.js';
import { trackedCompaniesReport } from './tracked.js';
import { trendsReport } from './trends.js';

/** Every report by name, in the order help lists them. */
export const reports = new Map<string, ReportDefinition>(
  [
    summaryReport,
    trendsReport,
    technographicReport,
    technographicCompaniesReport,
    trackedCompaniesReport,
    rawReport,
    extensionCoreReport,
    extensionPremiumReport,
  ].map((report) => [report.name, report]),
);

export function reportNamed(name: string): ReportDefinition {
  const report = reports.get(name);
  if (!report) {
    throw new AppError('E_USAGE', `unknown report ${name}`, {
      hint: `reports: ${[...reports.keys()].join(', ')}`,
    });
  }
  return report;
}

export interface RunReportOptions extends ReportRequest {
  /** The clock; periods that are not over are refused (default: now). */
  now?: number;
}

/** The report's SQL for a request (what the bench and a second backend run). */
export function reportSql(
  store: AnalyticsStore,
  settings: AnalyticsSettings,
  name: string,
  request: ReportRequest,
) {
  const context: ReportContext = { ...request, settings, labels: store.labels };
  return reportNamed(name).sql(context);
}

/** Streams a report as CSV text chunks: the header first, then rows as the database yields them. */
export async function* reportCsv(
  store: AnalyticsStore,
  settings: AnalyticsSettings,
  name: string,
  options: RunReportOptions,
): AsyncGenerator<string> {
  const report = reportNamed(name);
  assertAvailable(options.period, options.now ?? Date.now());
  const sql = reportSql(store, settings, name, options);
  yield csvHeader(report.columns);
  for await (const rows of store.stream(sql)) yield csvRows(rows);
}
