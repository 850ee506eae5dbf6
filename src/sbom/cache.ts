import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cacheDir } from '../core/paths.js';
import { VERSION } from '../core/version.js';
import type { Image } from '../image/types.js';
import { decodeNative } from './formats/native.js';
import type { Sbom } from './types.js';

/**
 * SBOMs cached by image identity plus the versions of the catalogers that made them: bumping one
 * cataloger's version, or a new crowsnest, makes a fresh SBOM.
 */
export function sbomCacheKey(
  image: Image,
  catalogers: { id: string; version: number }[],
  platform: string,
): string | undefined {
  const identity = image.manifestDigest ?? image.configDigest;
  if (!identity || image.source.kind === 'directory') return undefined;
  const versions = catalogers.map((c) => `${c.id}@${c.version}`).join(',');
  return createHash('sha256')
    .update(`${VERSION}\u0000${identity}\u0000${platform}\u0000${versions}`)
    .digest('hex');
}

function file(key: string, env?: NodeJS.ProcessEnv): string {
  return join(cacheDir(env), 'sboms', `${key}.json`);
}

export async function readCachedSbom(key: string, env?: NodeJS.ProcessEnv): Promise<Sbom | undefined> {
  try {
    return decodeNative(JSON.parse(await readFile(file(key, env), 'utf8')), 'sbom cache');
  } catch {
    return undefined; // absent or unreadable: a cache miss, never an error
  }
}

export async function writeCachedSbom(key: string, sbom: Sbom, env?: NodeJS.ProcessEnv): Promise<void> {
  const target = file(key, env);
  await mkdir(join(target, '..'), { recursive: true });
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temp, JSON.stringify(sbom));
  await rename(temp, target);
}
