import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type Command, Option } from 'commander';
import { dataSources, networkAttribution } from '../../analytics/enrich/attribution.js';
import { fileLines, importExtensionEvents, importPullEvents } from '../../analytics/import.js';
import { dayOf, type Granularity, parsePeriod } from '../../analytics/periods.js';
import { reportCsv, reports } from '../../analytics/reports/index.js';
import { loadSettings } from '../../analytics/settings.js';
import { AnalyticsStore, analyticsDbPath } from '../../analytics/store/store.js';
import { toEnvelope } from '../../analytics/synthetic/envelope.js';
import { generateRequests } from '../../analytics/synthetic/generator.js';
import { AppError } from '../../core/errors.js';
import type { CliIo } from '../io.js';

interface StoreFlags {
  db?: string;
  settings?: string;
}

const seconds = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new AppError('E_USAGE', `--${name} takes a number of seconds`);
  return n;
};

const count = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new AppError('E_USAGE', `--${name} takes a whole number`);
  return n;
};

/** Writes text chunks to stdout, or to a file atomically (temp file, then rename). */
async function writeChunks(
  io: CliIo,
  chunks: AsyncIterable<string> | Iterable<string>,
  file?: string,
): Promise<void> {
  if (!file) {
    for await (const chunk of chunks) io.stdout(chunk);
    return;
  }
  const target = resolve(io.cwd, file);
  const temp = `${target}.${process.pid}.tmp`;
  const out = createWriteStream(temp);
  try {
    for await (const chunk of chunks) if (!out.write(chunk)) await once(out, 'drain');
    out.end();
    await once(out, 'finish');
    await rename(temp, target);
  } catch (error) {
    out.destroy();
    throw error instanceof AppError
      ? error
      : new AppError('E_USAGE', `cannot write ${target}: ${(error as Error).message}`);
  }
}

function registerImport(analytics: Command, io: CliIo): void {
  analytics
    .command('import')
    .description('import registry notifications (JSON lines; - for stdin): pulls are classified and stored')
    .argument(
      '<file>',
      'JSON lines: Distribution envelopes or events, or extension events with --kind extensions',
    )
    .addOption(
      new Option('--kind <kind>', 'what the file holds').choices(['pulls', 'extensions']).default('pulls'),
    )
    .option(
      '--window <seconds>',
      'classification session window (default 60, or the settings)',
      seconds('window'),
    )
    .option(
      '--lateness <seconds>',
      'how late an event may arrive and still be ordered (default 30)',
      seconds('lateness'),
    )
    .option(
      '--workers <n>',
      'worker threads that classify and enrich, clients split between them (default 0: none)',
      count('workers'),
    )
    .option('--db <file>', 'analytics database (default: in the data directory)')
    .option('--settings <file>', 'analytics settings (JSON)')
    .action(
      async (
        file: string,
        flags: StoreFlags & { kind: string; window?: number; lateness?: number; workers?: number },
      ) => {
        const settings = loadSettings(flags.settings, io.env);
        if (flags.window !== undefined) settings.sessionWindowSeconds = flags.window;
        if (flags.lateness !== undefined) settings.latenessSeconds = flags.lateness;
        const store = await AnalyticsStore.open(flags.db ?? analyticsDbPath(io.env));
        try {
          const lines = fileLines(file === '-' ? '-' : resolve(io.cwd, file));
          if (flags.kind === 'extensions') {
            const result = await importExtensionEvents(lines, store);
            io.stdout(
              `${result.lines} lines: ${result.stored} new extension events, ${result.invalid} invalid\n`,
            );
            return;
          }
          const r = await importPullEvents(lines, store, settings, { workers: flags.workers ?? 0 });
          const skipped =
            Object.entries(r.skipped)
              .map(([why, n]) => `${n} ${why}`)
              .join(', ') || 'none';
          io.stdout(
            `${r.lines} lines, ${r.received} manifest requests: ${r.actions} actions (${r.stored} new), ` +
              `${r.duplicates} duplicates, ${r.late} late; skipped events: ${skipped}\n`,
          );
        } finally {
          store.close();
        }
      },
    );
}

function registerReport(analytics: Command, io: CliIo): void {
  analytics
    .command('report')
    .description(`write a CSV report: ${[...reports.keys()].join(', ')}`)
    .argument('<name>', 'report name')
    .addOption(
      new Option('--granularity <g>', 'weekly (ISO weeks) or monthly')
        .choices(['weekly', 'monthly'])
        .makeOptionMandatory(),
    )
    .requiredOption('--period <period>', 'an ISO week such as 2026-W40, or a month such as 2026-09')
    .option('--publisher <name>', 'only this publisher (organisation)')
    .option('-o, --output <file>', 'write the CSV to a file instead of stdout')
    .option('--db <file>', 'analytics database (default: in the data directory)')
    .option('--settings <file>', 'analytics settings (JSON)')
    .action(
      async (
        name: string,
        flags: StoreFlags & { granularity: Granularity; period: string; publisher?: string; output?: string },
      ) => {
        const settings = loadSettings(flags.settings, io.env);
        const period = parsePeriod(flags.period, flags.granularity);
        const store = await AnalyticsStore.open(flags.db ?? analyticsDbPath(io.env), { readOnly: true });
        try {
          const request = { period, ...(flags.publisher ? { publisher: flags.publisher } : {}) };
          await writeChunks(io, reportCsv(store, settings, name, request), flags.output);
          if (!name.startsWith('extensions') && name !== 'summary') io.stderr(`${networkAttribution}\n`);
        } finally {
          store.close();
        }
      },
    );
}

function registerGenerate(analytics: Command, io: CliIo): void {
  analytics
    .command('generate')
    .description(
      'write a realistic synthetic pull workload as Distribution notification envelopes (JSON lines)',
    )
    .option('-o, --output <file>', 'write to a file instead of stdout')
    .option('--events <n>', 'about how many manifest requests', count('events'), 100_000)
    .option('--seed <n>', 'random seed', count('seed'), 1)
    .option('--start <date>', 'first day (YYYY-MM-DD, UTC)', '2026-09-07')
    .option('--days <n>', 'number of days', count('days'), 28)
    .action(async (flags: { output?: string; events: number; seed: number; start: string; days: number }) => {
      const start = Date.parse(`${flags.start}T00:00:00Z`);
      if (Number.isNaN(start))
        throw new AppError('E_USAGE', `--start takes a date such as 2026-09-07, not ${flags.start}`);
      const days = generateRequests({
        events: flags.events,
        seed: flags.seed,
        startDay: dayOf(start),
        days: flags.days,
      });
      const chunks = (function* () {
        for (const day of days) yield `${day.map((request) => toEnvelope(request)).join('\n')}\n`;
      })();
      await writeChunks(io, chunks, flags.output);
    });
}

/** `crowsnest analytics …`: import registry events, write CSV reports, generate a synthetic workload. */
export function registerAnalytics(program: Command, io: CliIo): void {
  const analytics = program
    .command('analytics')
    .description(
      'pull analytics for a Distribution registry: import events, CSV reports (no IP address is kept)',
    );
  registerImport(analytics, io);
  registerReport(analytics, io);
  registerGenerate(analytics, io);
  analytics
    .command('sources')
    .description('the data behind country, network and domain columns, with their licences')
    .action(() => {
      for (const source of dataSources)
        io.stdout(`${source.name}: ${source.package} (${source.licence}). ${source.attribution}\n`);
    });
}
