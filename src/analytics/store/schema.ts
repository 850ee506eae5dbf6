/**
 * The analytics tables. Portable SQL only (types and constraints ClickHouse and PostgreSQL also have),
 * so a second backend can create the same shape.
 *
 * `pull_actions` is a narrow fact table: every text attribute is an id into `analytics_labels` (id 0 is
 * NULL), which keeps ingest to typed-array copies and lets reports aggregate on integers and join the
 * text at the end. `kind`: 1 version_check, 2 pull_by_tag, 3 pull_by_digest. `user_week`/`user_month`
 * are keyed hashes of the client identity under the week's and the month's salt; no address is stored.
 */
export const SCHEMA_VERSION = '1';

export const schemaStatements = [
  `CREATE TABLE IF NOT EXISTS analytics_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS analytics_labels (id INTEGER PRIMARY KEY, value VARCHAR)`,
  `INSERT OR IGNORE INTO analytics_labels VALUES (0, NULL)`,
  `CREATE TABLE IF NOT EXISTS pull_actions (
    action_key BIGINT NOT NULL,
    ts TIMESTAMP NOT NULL,
    week_start DATE NOT NULL,
    month_start DATE NOT NULL,
    kind SMALLINT NOT NULL,
    namespace_id INTEGER NOT NULL,
    repository_id INTEGER NOT NULL,
    method_id INTEGER NOT NULL,
    tag_id INTEGER NOT NULL,
    digest_id INTEGER NOT NULL,
    country_id INTEGER NOT NULL,
    csp_id INTEGER NOT NULL,
    ip_type_id INTEGER NOT NULL,
    tool_id INTEGER NOT NULL,
    tool_version_id INTEGER NOT NULL,
    domain_id INTEGER NOT NULL,
    company_id INTEGER NOT NULL,
    use_case_id INTEGER NOT NULL,
    authenticated BOOLEAN NOT NULL,
    user_week BIGINT NOT NULL,
    user_month BIGINT NOT NULL
  )`,
  `CREATE TABLE IF NOT EXISTS analytics_salts (
    granularity VARCHAR NOT NULL,
    period_start DATE NOT NULL,
    salt VARCHAR NOT NULL,
    PRIMARY KEY (granularity, period_start)
  )`,
  `CREATE TABLE IF NOT EXISTS extension_events (
    event_key BIGINT NOT NULL,
    ts TIMESTAMP NOT NULL,
    week_start DATE NOT NULL,
    month_start DATE NOT NULL,
    extension_id INTEGER NOT NULL,
    namespace_id INTEGER NOT NULL,
    kind SMALLINT NOT NULL,
    user_week BIGINT NOT NULL,
    user_month BIGINT NOT NULL
  )`,
];

/** Columns of `pull_actions` in table order, with how the writer fills them. */
export const pullColumns = [
  'action_key',
  'ts',
  'week_start',
  'month_start',
  'kind',
  'namespace_id',
  'repository_id',
  'method_id',
  'tag_id',
  'digest_id',
  'country_id',
  'csp_id',
  'ip_type_id',
  'tool_id',
  'tool_version_id',
  'domain_id',
  'company_id',
  'use_case_id',
  'authenticated',
  'user_week',
  'user_month',
] as const;
