// The CLI's server login: one file, readable by its owner only, never holding a password.
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../core/errors.js';

export const clientConfigSchema = z.object({
  /** `http://127.0.0.1:8080`: the server's origin. */
  server: z.url(),
  /** An API token (`cn_…`), scoped to `org`. */
  token: z.string().min(1),
  org: z.string().min(1),
  user: z.string().optional(),
  role: z.string().optional(),
});

export type ClientConfig = z.infer<typeof clientConfigSchema>;

/** `$CROWSNEST_CONFIG`, else `$XDG_CONFIG_HOME/crowsnest/config.json`, else `~/.config/crowsnest/config.json`. */
export function clientConfigPath(env: NodeJS.ProcessEnv): string {
  if (env.CROWSNEST_CONFIG) return env.CROWSNEST_CONFIG;
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return join(base, 'crowsnest', 'config.json');
}

/** The saved login, or undefined when there is none. A damaged file is an error saying how to fix it. */
export function readClientConfig(env: NodeJS.ProcessEnv): ClientConfig | undefined {
  const path = clientConfigPath(env);
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AppError('E_CONFIG_INVALID', `the CLI config is not JSON: ${(error as Error).message}`, {
      where: path,
      hint: "log in again with 'crowsnest login URL --token TOKEN' (it rewrites the file)",
    });
  }
  const result = clientConfigSchema.safeParse(parsed);
  if (!result.success) {
    throw new AppError(
      'E_CONFIG_INVALID',
      `the CLI config is incomplete: ${result.error.issues[0]?.message}`,
      {
        where: path,
        hint: "log in again with 'crowsnest login URL --token TOKEN' (it rewrites the file)",
      },
    );
  }
  return result.data;
}

/** Writes the login atomically with mode 0600 (the token is a credential) in a 0700 directory. */
export function writeClientConfig(env: NodeJS.ProcessEnv, config: ClientConfig): string {
  const path = clientConfigPath(env);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
  return path;
}
