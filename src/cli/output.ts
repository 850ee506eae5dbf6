import { rename, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AppError } from '../core/errors.js';
import type { CliIo } from './io.js';

/** Writes a result to stdout, or atomically to a file (temp file + rename) with -o. */
export async function writeOutput(io: CliIo, text: string, file: string | undefined): Promise<void> {
  if (!file) {
    io.stdout(text);
    return;
  }
  const target = resolve(io.cwd, file);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    await writeFile(temp, text);
    await rename(temp, target);
  } catch (error) {
    throw new AppError('E_USAGE', `cannot write ${target}: ${(error as Error).message}`, {
      hint: 'check the directory exists and is writable',
    });
  }
}
