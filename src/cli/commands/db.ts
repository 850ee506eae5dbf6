import { type Command, Option } from 'commander';
import { feedRegistry } from '../../advisories/feeds/registry.js';
import { settingsFromEnv, withUrlOverrides } from '../../advisories/feeds/settings.js';
import type { Feed } from '../../advisories/feeds/types.js';
import { detectionTable } from '../../advisories/import/detect.js';
import { runImport } from '../../advisories/import/run.js';
import { DEFAULT_MAX_AGE, parseDuration } from '../../advisories/render/age.js';
import { outcomesJson, renderOutcomesText } from '../../advisories/render/outcomes.js';
import { renderSearchText } from '../../advisories/render/search.js';
import { renderStatusText, staleWarning, statusView } from '../../advisories/render/status.js';
import { searchAdvisories } from '../../advisories/search.js';
import { defaultDbPath, openAdvisoryDb } from '../../advisories/store/index.js';
import type { FeedOutcome } from '../../advisories/update/run.js';
import { runUpdate } from '../../advisories/update/run.js';
import { AppError, exitCodeFor } from '../../core/errors.js';
import type { CliIo } from '../io.js';
import { Progress } from '../progress.js';

interface DbFlags {
  db?: string;
  format: 'text' | 'json';
}

const formatOption = () =>
  new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');
const dbOption = () =>
  new Option('--db <file>', 'advisory database file (default: <cache dir>/advisories.db)');
const collect = (value: string, previous: string[] = []) => [...previous, value];

function dbPathOf(flags: DbFlags, io: CliIo): string {
  return flags.db ?? defaultDbPath(io.env);
}

/** Feeds named by --source, or every feed that is on by default. */
function selectFeeds(ids: readonly string[] | undefined): Feed[] {
  if (!ids?.length) return [...feedRegistry.values()].filter((f) => f.defaultEnabled);
  return ids.map((id) => {
    const feed = feedRegistry.get(id);
    if (!feed) {
      throw new AppError('E_USAGE', `unknown feed "${id}"`, {
        hint: `known feeds: ${[...feedRegistry.keys()].join(', ')}`,
      });
    }
    return feed;
  });
}

function report(
  io: CliIo,
  flags: DbFlags,
  outcomes: FeedOutcome[],
  setExitCode: (code: number) => void,
): void {
  io.stdout(
    flags.format === 'json'
      ? `${JSON.stringify(outcomesJson(outcomes), null, 2)}\n`
      : renderOutcomesText(outcomes),
  );
  const failed = outcomes.filter((o) => o.error);
  for (const f of failed) io.stderr(`crowsnest: error: ${f.error?.oneLine()}\n`);
  if (failed[0]?.error) setExitCode(exitCodeFor(failed[0].error));
}

export function registerDb(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const db = program.command('db').description('the vulnerability database: update, import, status, search');
  registerUpdate(db, io, setExitCode);
  registerImport(db, io, setExitCode);
  registerStatus(db, io);
  registerSearch(db, io);
}

function registerUpdate(db: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const feedList = [...feedRegistry.values()].map(
    (f) => `  ${f.id}${f.defaultEnabled ? '' : ' (off by default)'}: ${f.title}`,
  );
  db.command('update')
    .description('fetch every feed that changed upstream and swap the database in atomically')
    .option('--source <id>', 'update only this feed (repeatable)', collect)
    .option('--feed-url <id=url>', "override a feed's upstream URL (repeatable)", collect)
    .addOption(dbOption())
    .addOption(formatOption())
    .addHelpText(
      'after',
      `\nFeeds:\n${feedList.join('\n')}\n\nCROWSNEST_FEED_<ID>_URL overrides a feed URL (e.g. CROWSNEST_FEED_OSV_GO_URL).`,
    )
    .action(async (flags: DbFlags & { source?: string[]; feedUrl?: string[] }) => {
      const feeds = selectFeeds(flags.source);
      const settings = withUrlOverrides(
        settingsFromEnv(io.env, feedRegistry.values()),
        flags.feedUrl ?? [],
        new Set(feedRegistry.keys()),
      );
      const progress = new Progress(io);
      const outcomes = await runUpdate({
        dbPath: dbPathOf(flags, io),
        feeds,
        settings,
        log: (m) => progress.update(m),
      });
      progress.done(`Checked ${outcomes.length} feeds`);
      report(io, flags, outcomes, setExitCode);
    });
}

function registerImport(db: Command, io: CliIo, setExitCode: (code: number) => void): void {
  db.command('import')
    .description(
      'import feeds from local files (air-gapped): a folder in upstream layouts, or a zip / tar of one',
    )
    .argument('<path>', 'folder, .zip, .tar, .tar.gz or .tar.xz')
    .option('--source <id>', 'import only this feed (repeatable)', collect)
    .addOption(dbOption())
    .addOption(formatOption())
    .addHelpText(
      'after',
      `\nRecognised layouts (any depth):\n${detectionTable.map((r) => `  ${r.describes}`).join('\n')}`,
    )
    .action(async (path: string, flags: DbFlags & { source?: string[] }) => {
      if (flags.source) selectFeeds(flags.source);
      const progress = new Progress(io);
      const { outcomes, detection } = await runImport({
        dbPath: dbPathOf(flags, io),
        path,
        only: flags.source,
        log: (m) => progress.update(m),
      });
      progress.done(`Imported ${outcomes.length} feeds; ${detection.ignored.length} files not recognised`);
      report(io, flags, outcomes, setExitCode);
    });
}

function registerStatus(db: Command, io: CliIo): void {
  db.command('status')
    .description('sources, record counts, last update and age; warns when the data is too old')
    .option(
      '--max-age <duration>',
      'warn when older than this (e.g. 7d, 36h)',
      io.env.CROWSNEST_DB_MAX_AGE ?? DEFAULT_MAX_AGE,
    )
    .addOption(dbOption())
    .addOption(formatOption())
    .action((flags: DbFlags & { maxAge: string }) => {
      const maxAgeMs = parseDuration(flags.maxAge);
      if (maxAgeMs === undefined)
        throw new AppError('E_USAGE', `--max-age expects a duration like 7d or 36h, got "${flags.maxAge}"`);
      const reader = openAdvisoryDb(dbPathOf(flags, io));
      try {
        const now = new Date();
        const view = statusView(reader.status(), now, maxAgeMs);
        io.stdout(
          flags.format === 'json' ? `${JSON.stringify(view, null, 2)}\n` : renderStatusText(view, now),
        );
        const warning = staleWarning(view);
        if (warning) io.stderr(warning);
      } finally {
        reader.close();
      }
    });
}

function registerSearch(db: Command, io: CliIo): void {
  db.command('search')
    .description('find advisories by any id or alias (CVE, GHSA, DSA, USN...) or by package name')
    .argument('<query>', 'an advisory id or alias, or a package name')
    .option('--ecosystem <name>', 'only this ecosystem for package names (e.g. PyPI, Debian:12, npm)')
    .addOption(dbOption())
    .addOption(formatOption())
    .action((query: string, flags: DbFlags & { ecosystem?: string }) => {
      const reader = openAdvisoryDb(dbPathOf(flags, io));
      try {
        const result = searchAdvisories(reader, query, flags.ecosystem);
        io.stdout(
          flags.format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderSearchText(result),
        );
      } finally {
        reader.close();
      }
    });
}
