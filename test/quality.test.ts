import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './support/cli.js';

const run = promisify(execFile);

async function exitOf(command: string, args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(command, args, { cwd: repoRoot, maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

/** The test run builds with --noCheck; these keep type errors and lint findings from passing CI unseen. */
describe('code quality', () => {
  it('type-checks (strict TypeScript over src, test and bench)', async () => {
    const { code, output } = await exitOf('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
    expect(output.split('\n').filter((l) => /error TS/.test(l))).toEqual([]);
    expect(code).toBe(0);
  }, 180_000);

  it('passes the linter', async () => {
    const { code, output } = await exitOf('npx', ['biome', 'check', '.']);
    expect(code, output.slice(-3000)).toBe(0);
  }, 120_000);
});
