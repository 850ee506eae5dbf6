import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { AppError } from '../core/errors.js';
import { parseEventLine, type SkipReason } from './event.js';
import { type ExtensionEvent, extensionEventSchema, recordExtensionEvents } from './extensions.js';
import { type IngestOptions, type IngestStats, PullIngest } from './ingest.js';
import type { AnalyticsSettings } from './settings.js';
import type { AnalyticsStore } from './store/store.js';

export interface ImportResult extends IngestStats {
  lines: number;
  skipped: Partial<Record<SkipReason, number>>;
}

/**
 * Lines of a file (or stdin for `-`) in batches, one per chunk read: a per-line async iterator (readline)
 * costs more than parsing the line. A missing file is a clear error.
 */
export async function* fileLines(
  path: string,
  stdin: NodeJS.ReadableStream = process.stdin,
): AsyncGenerator<string[]> {
  let input: NodeJS.ReadableStream = stdin;
  if (path !== '-') {
    const file = createReadStream(path, { highWaterMark: 1 << 20 });
    await new Promise<void>((resolve, reject) => {
      file.once('open', () => resolve());
      file.once('error', (error: NodeJS.ErrnoException) =>
        reject(
          error.code === 'ENOENT'
            ? new AppError('E_INPUT_NOT_FOUND', 'no such file', { where: path })
            : new AppError('E_USAGE', `cannot read ${path}: ${error.message}`),
        ),
      );
    });
    input = file;
  }
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of input) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer));
    const lines = text.split('\n');
    rest = lines.pop() ?? '';
    yield lines;
  }
  rest += decoder.end();
  if (rest) yield [rest];
}

/**
 * Imports JSON lines of registry notifications (envelopes, bare events, or `{"body": envelope}` records a
 * capturing sink writes). Bad lines are counted, never fatal.
 */
export async function importPullEvents(
  batches: AsyncIterable<string[]>,
  store: AnalyticsStore,
  settings: AnalyticsSettings,
  options: IngestOptions = {},
): Promise<ImportResult> {
  const ingest = await PullIngest.open(store, settings, options);
  const skipped: ImportResult['skipped'] = {};
  let count = 0;
  for await (const lines of batches) {
    for (const line of lines) {
      if (!line.trim()) continue;
      count += 1;
      const parsed = parseEventLine(line);
      for (const request of parsed.requests) ingest.push(request);
      for (const [reason, n] of Object.entries(parsed.skipped)) {
        skipped[reason as SkipReason] = (skipped[reason as SkipReason] ?? 0) + (n ?? 0);
      }
    }
    if (ingest.needsFlush) await ingest.flush();
  }
  const stats = await ingest.finish();
  return { ...stats, lines: count, skipped };
}

/** Imports JSON lines of extension events (`{id, timestamp, extension, action, user}`). */
export async function importExtensionEvents(
  batches: AsyncIterable<string[]>,
  store: AnalyticsStore,
): Promise<{ lines: number; stored: number; invalid: number }> {
  const events: ExtensionEvent[] = [];
  let count = 0;
  let invalid = 0;
  for await (const lines of batches) {
    for (const line of lines) {
      if (!line.trim()) continue;
      count += 1;
      try {
        events.push(extensionEventSchema.parse(JSON.parse(line)));
      } catch {
        invalid += 1;
      }
    }
  }
  const stored = await recordExtensionEvents(store, events);
  return { lines: count, stored, invalid };
}
