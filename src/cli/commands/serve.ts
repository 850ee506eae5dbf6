import { type Command, InvalidArgumentError } from 'commander';
import { jsonLogger } from '../../service/log.js';
import type { CliIo } from '../io.js';

interface ServeFlags {
  port?: number;
  host?: string;
  dataDir?: string;
  db?: string;
  concurrency?: number;
}

function integer(min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new InvalidArgumentError(`expected a whole number ${min}..${max}`);
    return n;
  };
}

/** Resolves when a stop signal has been handled: the server drained and closed. */
function untilSignal(stop: () => Promise<void>): Promise<void> {
  return new Promise((resolve) => {
    const handle = () => {
      process.off('SIGTERM', handle);
      process.off('SIGINT', handle);
      void stop().then(resolve);
    };
    process.on('SIGTERM', handle);
    process.on('SIGINT', handle);
  });
}

export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description('run the server: HTTP API, registry webhooks and the analysis worker')
    .option(
      '--port <n>',
      'port to listen on (default 8080, or CROWSNEST_PORT; 0 = any free port)',
      integer(0, 65_535),
    )
    .option('--host <address>', 'address to listen on (default 127.0.0.1, or CROWSNEST_HOST)')
    .option(
      '--data-dir <dir>',
      'data directory (default $CROWSNEST_DATA_DIR, $XDG_DATA_HOME/crowsnest, ~/.local/share/crowsnest)',
    )
    .option('--db <file>', 'advisory database the worker matches against (default <cache dir>/advisories.db)')
    .option(
      '--concurrency <n>',
      'analysis jobs run at once (default 2, or CROWSNEST_WORKER_CONCURRENCY)',
      integer(1, 64),
    )
    .addHelpText(
      'after',
      '\nPostgreSQL: set CROWSNEST_DATABASE_URL=postgres://… (SQLite in the data directory otherwise).\nFirst start: CROWSNEST_BOOTSTRAP_OWNER=email:password, or the one-time setup token the log prints.\nSIGTERM or Ctrl-C: stop accepting, finish requests and the running analyses, close the store.',
    )
    .action(async (flags: ServeFlags) => {
      // the server modules load only when serving
      const [{ serverConfig }, { startServer }] = await Promise.all([
        import('../../server/config.js'),
        import('../../server/serve.js'),
      ]);
      const config = serverConfig(flags, io.env);
      const log = jsonLogger({
        write: io.stderr,
        level: io.env.CROWSNEST_LOG_LEVEL === 'debug' ? 'debug' : 'info',
      });
      const server = await startServer(config, { log, env: io.env });
      io.stdout(`crowsnest serving on ${server.url}\n`);
      await untilSignal(server.stop);
    });
}
