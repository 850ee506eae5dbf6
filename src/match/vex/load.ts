import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError } from '../../core/errors.js';
import type { VexStatement } from './model.js';
import { parseOpenVex } from './parse.js';

async function filesOf(location: string): Promise<string[]> {
  const path = resolve(location);
  const info = await stat(path).catch(() => {
    throw new AppError('E_INPUT_NOT_FOUND', 'VEX location not found', {
      where: path,
      hint: '--vex-location takes an OpenVEX JSON file or a folder of them',
    });
  });
  if (!info.isDirectory()) return [path];
  const names = (await readdir(path)).filter((n) => n.endsWith('.json')).sort();
  return names.map((n) => join(path, n));
}

/** Every statement of the OpenVEX documents at these locations (files, or folders of `*.json`). */
export async function loadVexStatements(locations: readonly string[]): Promise<VexStatement[]> {
  const statements: VexStatement[] = [];
  for (const location of locations) {
    for (const file of await filesOf(location)) {
      const text = await readFile(file, 'utf8');
      statements.push(...parseOpenVex(text, file, statements.length));
    }
  }
  return statements;
}
