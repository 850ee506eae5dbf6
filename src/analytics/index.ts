/**
 * Pull analytics (SPEC F1–F11, G1): registry events → classified, enriched, pseudonymised actions in an
 * embedded DuckDB store → CSV reports, the Data API and chart data. Explicit exports for the server and
 * the library.
 */
export { dataSources, networkAttribution } from './enrich/attribution.js';
export { eventsOf, manifestRequestOf, parseEventLine } from './event.js';
export { type ExtensionEvent, extensionEventSchema, recordExtensionEvents } from './extensions.js';
export type { Access, AnalyticsHttpOptions } from './http/context.js';
export { analyticsHandler } from './http/handler.js';
export { fileLines, importExtensionEvents, importPullEvents } from './import.js';
export { type IngestOptions, type IngestStats, PullIngest } from './ingest.js';
export { type Granularity, type Period, parsePeriod, periodOf } from './periods.js';
export type { ReportDefinition } from './reports/definition.js';
export { reportCsv, reportSql, reports } from './reports/index.js';
export { pullSeries } from './series.js';
export { type AnalyticsSettings, defaultSettings, loadSettings, settingsSchema } from './settings.js';
export { AnalyticsStore, analyticsDbPath } from './store/store.js';
export { toEnvelope } from './synthetic/envelope.js';
export { generateRequests } from './synthetic/generator.js';
export type { ActionKind, ClassifiedAction, ManifestRequest } from './types.js';
export { AnalyticsWebhook } from './webhook.js';
