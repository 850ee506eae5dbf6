import type { Logger, LogLevel } from './types.js';

const levels: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface JsonLoggerOptions {
  level?: LogLevel;
  /** Where lines go (default stderr), one JSON object per line. */
  write?: (line: string) => void;
  fields?: Record<string, unknown>;
  now?: () => Date;
}

/** Errors become `{ name, code, message }`: log lines stay one line and leak no stack by default. */
function plain(value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(code !== undefined ? { code } : {}) };
  }
  return value;
}

/** Structured logs: `{"time":…,"level":"info","msg":…, …fields}` per line. */
export function jsonLogger(options: JsonLoggerOptions = {}): Logger {
  const threshold = levels[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(line));
  const now = options.now ?? (() => new Date());
  const base = options.fields ?? {};
  const emit = (level: LogLevel, msg: string, fields: Record<string, unknown> = {}) => {
    if (levels[level] < threshold) return;
    const record: Record<string, unknown> = { time: now().toISOString(), level, msg, ...base };
    for (const [key, value] of Object.entries(fields)) record[key] = plain(value);
    write(`${JSON.stringify(record)}\n`);
  };
  return {
    debug: (msg, fields) => emit('debug', msg, fields),
    info: (msg, fields) => emit('info', msg, fields),
    warn: (msg, fields) => emit('warn', msg, fields),
    error: (msg, fields) => emit('error', msg, fields),
    child: (fields) => jsonLogger({ ...options, fields: { ...base, ...fields } }),
  };
}

/** A logger that drops everything (tests that do not look at logs). */
export const silentLogger: Logger = jsonLogger({ write: () => {} });
