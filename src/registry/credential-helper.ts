import { spawn } from 'node:child_process';
import { AppError } from '../core/errors.js';

export interface HelperCredentials {
  username: string;
  secret: string;
}

function helperError(helper: string, registry: string, reason: string, hint?: string): AppError {
  return new AppError(
    'E_CREDENTIALS',
    `credential helper docker-credential-${helper} failed for ${registry}: ${reason}`,
    {
      where: `docker-credential-${helper} get`,
      hint: hint ?? `check the helper with: echo ${registry} | docker-credential-${helper} get`,
    },
  );
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runHelper(
  helper: string,
  serverUrl: string,
  timeoutMs: number,
  env: NodeJS.ProcessEnv,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(`docker-credential-${helper}`, ['get'], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: timeoutMs,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.on('error', () => {}); // a helper that exits without reading stdin is reported by its exit code
    child.stdin.end(serverUrl);
  });
}

/**
 * Runs `docker-credential-<helper> get` with the server URL on stdin, as the docker CLI does. Returns
 * undefined when the helper has no credentials for the server.
 */
export async function helperGet(
  helper: string,
  serverUrl: string,
  registry: string,
  options: { timeoutMs?: number; env?: NodeJS.ProcessEnv } = {},
): Promise<HelperCredentials | undefined> {
  let result: RunResult;
  try {
    result = await runHelper(helper, serverUrl, options.timeoutMs ?? 30_000, options.env ?? process.env);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ENOENT') {
      throw helperError(
        helper,
        registry,
        'the program is not on PATH',
        'install it, or remove credsStore/credHelpers from config.json',
      );
    }
    throw helperError(helper, registry, (error as Error).message);
  }
  if (result.code !== 0) {
    // the protocol's "not found" answer is a message, not an error: anonymous access follows
    if (/credentials not found/i.test(result.stdout + result.stderr)) return undefined;
    const why =
      firstLine(result.stderr) ||
      firstLine(result.stdout) ||
      `exit code ${result.code ?? 'killed (timeout)'}`;
    throw helperError(helper, registry, why);
  }
  let parsed: { Username?: unknown; Secret?: unknown };
  try {
    parsed = JSON.parse(result.stdout) as typeof parsed;
  } catch {
    throw helperError(helper, registry, 'its output is not JSON');
  }
  if (
    typeof parsed?.Secret !== 'string' ||
    (parsed.Username !== undefined && typeof parsed.Username !== 'string')
  ) {
    throw helperError(helper, registry, 'its output lacks Username/Secret strings');
  }
  if (parsed.Secret === '') return undefined;
  return { username: (parsed.Username as string | undefined) ?? '', secret: parsed.Secret };
}
