import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { registerAnalytics } from './analytics.js';
import { registerCompare } from './compare.js';
import { registerCves, registerWhy } from './cves.js';
import { registerDb } from './db.js';
import { registerInspect } from './inspect.js';
import { registerQuickview } from './quickview.js';
import { registerSbom } from './sbom.js';

/** Adds one command to the program. `setExitCode` lets a command end non-zero without throwing. */
export type RegisterCommand = (program: Command, io: CliIo, setExitCode: (code: number) => void) => void;

/** The explicit registry of commands, in the order `--help` lists them. */
export const commands: RegisterCommand[] = [
  registerInspect,
  registerSbom,
  registerQuickview,
  registerCves,
  registerCompare,
  registerWhy,
  registerDb,
  registerAnalytics,
];
