import type { Command } from 'commander';
import type { CliIo } from '../io.js';

/** Adds one command to the program. `setExitCode` lets a command end non-zero without throwing. */
export type RegisterCommand = (program: Command, io: CliIo, setExitCode: (code: number) => void) => void;

export interface CommandEntry {
  name: string;
  description: string;
  /**
   * Loads the command's module: only the command being run is imported, so `crowsnest cves` never pays
   * for DuckDB or the SBOM validators, and `--help` for none of them.
   */
  load: () => Promise<RegisterCommand>;
}

/** The explicit registry of commands, in the order `--help` lists them. */
export const commands: CommandEntry[] = [
  {
    name: 'inspect',
    description: 'show an image: digest, platform, config and its layers, earliest first',
    load: async () => (await import('./inspect.js')).registerInspect,
  },
  {
    name: 'sbom',
    description: 'list every package in an image (software bill of materials)',
    load: async () => (await import('./sbom.js')).registerSbom,
  },
  {
    name: 'quickview',
    description: 'one-screen summary of the vulnerabilities of an image',
    load: async () => (await import('./quickview.js')).registerQuickview,
  },
  {
    name: 'cves',
    description: 'the vulnerabilities of an image, grouped by package',
    load: async () => (await import('./cves.js')).registerCves,
  },
  {
    name: 'compare',
    description: 'compare two images: packages and vulnerabilities added, removed, changed',
    load: async () => (await import('./compare.js')).registerCompare,
  },
  {
    name: 'why',
    description: 'explain one finding: which file, which advisory record and range, and why',
    load: async () => (await import('./cves.js')).registerWhy,
  },
  {
    name: 'db',
    description: 'the vulnerability database: update, import, status, search',
    load: async () => (await import('./db.js')).registerDb,
  },
  {
    name: 'serve',
    description: 'run the server: HTTP API, registry webhooks and the analysis worker',
    load: async () => (await import('./serve.js')).registerServe,
  },
  {
    name: 'login',
    description: 'log in to a crowsnest server (saves a token for repo and environment)',
    load: async () => (await import('./login.js')).registerLogin,
  },
  {
    name: 'repo',
    description: 'the server’s repositories: list, enable or disable analysis',
    load: async () => (await import('./repo.js')).registerRepo,
  },
  {
    name: 'environment',
    description: 'record which image runs in an environment, or list environments',
    load: async () => (await import('./environment.js')).registerEnvironment,
  },
  {
    name: 'analytics',
    description: 'pull analytics: import registry events, reports, synthetic data',
    load: async () => (await import('./analytics.js')).registerAnalytics,
  },
];
