import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import { AppError } from '../../core/errors.js';
import { readHead, readZip, sniff, tarEntries, tarStream } from '../feeds/archive.js';

/** A path inside an archive that stays inside the extraction folder, or undefined. */
function safeRelative(name: string): string | undefined {
  const clean = normalize(name.replace(/\\/g, '/')).replace(/^(\.\/)+/, '');
  if (!clean || clean.startsWith('/') || clean.startsWith('..') || clean.includes('/../')) return undefined;
  return clean;
}

/** Extracts a zip or tar(.gz/.xz) of a feed folder into `into`. Entries escaping the folder are refused. */
export async function extractArchive(file: string, into: string): Promise<number> {
  const head = await readHead(file, 512);
  const kind = sniff(head);
  let count = 0;
  const write = (name: string, data: Buffer) => {
    const rel = safeRelative(name);
    if (!rel)
      throw new AppError('E_ARCHIVE_INVALID', `archive entry "${name}" points outside the archive`, {
        where: file,
      });
    const target = join(into, rel);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, data);
    count++;
  };
  if (kind === 'zip') {
    for (const entry of await readZip(await readFile(file), file)) write(entry.name, entry.data);
    return count;
  }
  const isTar = kind === 'gzip' || kind === 'xz' || head.subarray(257, 262).toString() === 'ustar';
  if (!isTar) {
    throw new AppError('E_ARCHIVE_INVALID', 'not a folder, zip or tar(.gz/.xz) archive', {
      where: file,
      hint: 'pass a folder holding feeds in their upstream layouts, or a zip or tar of one',
    });
  }
  for await (const entry of tarEntries(tarStream(file, head), file)) write(entry.name, entry.data);
  return count;
}
