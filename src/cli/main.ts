import { Command, CommanderError } from 'commander';
import { AppError, exitCodeFor, isAppError } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import { commands } from './commands/index.js';
import { type CliIo, processIo } from './io.js';

/** Runs the CLI and returns the exit code. Never throws. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const debug = argv.includes('--debug');
  let exitCode = 0;
  const program = new Command('crowsnest')
    .description('Image intelligence for container registries')
    .version(VERSION, '-v, --version')
    .option('--debug', 'print stack traces and debug details')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run with --help for usage)');
  try {
    await addCommands(program, argv, io, (code) => {
      exitCode = code;
    });
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io, debug);
  }
}

/** The first argument that is not an option: the command being run, if any. */
function commandName(argv: string[]): string | undefined {
  return argv.find((arg) => !arg.startsWith('-'));
}

/**
 * Registers the command being run in full; the others only by name and description, for `--help` and
 * "unknown command" suggestions. `help CMD` loads CMD so its own help is complete.
 */
async function addCommands(
  program: Command,
  argv: string[],
  io: CliIo,
  setExitCode: (code: number) => void,
): Promise<void> {
  const first = commandName(argv);
  const wanted = first === 'help' ? argv[argv.indexOf('help') + 1] : first;
  for (const entry of commands) {
    if (entry.name === wanted) (await entry.load())(program, io, setExitCode);
    else program.command(entry.name).description(entry.description);
  }
}

function reportError(error: unknown, io: CliIo, debug: boolean): number {
  if (error instanceof CommanderError) {
    // help and version end with exitCode 0; usage errors were already printed by commander
    return error.exitCode === 0 ? 0 : exitCodeFor(new AppError('E_USAGE', error.message));
  }
  if (isAppError(error)) {
    io.stderr(`crowsnest: error: ${error.oneLine()}\n`);
    if (debug) io.stderr(`${error.code}\n${error.stack ?? ''}\n${causeChain(error)}`);
    return exitCodeFor(error);
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(
    `crowsnest: internal error: ${message.split('\n')[0]}; please report it (run with --debug for details)\n`,
  );
  if (debug && error instanceof Error) io.stderr(`${error.stack ?? ''}\n`);
  return exitCodeFor(error);
}

function causeChain(error: Error): string {
  let out = '';
  let cause = error.cause;
  while (cause instanceof Error) {
    out += `caused by: ${cause.stack ?? cause.message}\n`;
    cause = cause.cause;
  }
  return out;
}
