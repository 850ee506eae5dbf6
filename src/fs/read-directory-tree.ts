import { createReadStream } from 'node:fs';
import { lstat, opendir, readlink } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../core/errors.js';
import { type Limits, resolveLimits } from '../core/limits.js';
import { joinPath, splitPath } from './paths.js';
import { SquashedTree } from './squashed-tree.js';
import { Tree } from './tree.js';
import type { FileEntry, FileTree } from './types.js';

interface WalkState {
  tree: Tree;
  versions: Map<string, FileEntry | FileEntry[]>;
  inodes: Map<string, string>;
  ignored: number;
  limits: Limits;
}

async function entryFor(full: string, path: string, state: WalkState): Promise<FileEntry | undefined> {
  const info = await lstat(full);
  const base = {
    path,
    mode: info.mode & 0o7777,
    size: 0,
    uid: info.uid,
    gid: info.gid,
    mtime: Math.floor(info.mtimeMs / 1000),
    layer: 0,
  };
  if (info.isDirectory()) return { ...base, type: 'dir' };
  if (info.isSymbolicLink()) return { ...base, type: 'symlink', linkTarget: await readlink(full) };
  if (!info.isFile()) {
    state.ignored += 1;
    return undefined;
  }
  if (info.nlink > 1) {
    const key = `${info.dev}:${info.ino}`;
    const first = state.inodes.get(key);
    if (first) return { ...base, type: 'hardlink', linkTarget: first, size: info.size };
    state.inodes.set(key, path);
  }
  return { ...base, type: 'file', size: info.size };
}

async function walk(root: string, parts: string[], state: WalkState): Promise<void> {
  const dir = await opendir(join(root, ...parts));
  const names: string[] = [];
  for await (const dirent of dir) names.push(dirent.name);
  for (const name of names.sort()) {
    const childParts = [...parts, name];
    const entry = await entryFor(join(root, ...childParts), joinPath(childParts), state);
    if (!entry) continue;
    if (state.tree.count >= state.limits.maxEntries) {
      throw new AppError('E_LIMIT_EXCEEDED', `directory has more than ${state.limits.maxEntries} entries`, {
        where: root,
        hint: 'raise --max-entries',
      });
    }
    state.tree.put(childParts, entry);
    state.versions.set(entry.path, entry);
    if (entry.type === 'dir') await walk(root, childParts, state);
  }
}

/**
 * A FileTree over a plain root filesystem directory (fs://). It has no layers: `layers` is empty and every
 * entry says layer 0. Symlinks are recorded, never followed out of the directory.
 */
export async function readDirectoryTree(root: string, limits?: Partial<Limits>): Promise<FileTree> {
  const info = await lstat(root).catch(() => undefined);
  if (!info?.isDirectory()) {
    throw new AppError('E_INPUT_NOT_FOUND', `no directory ${root}`, {
      hint: 'fs:// takes a root filesystem folder',
    });
  }
  const state: WalkState = {
    tree: new Tree(),
    versions: new Map(),
    inodes: new Map(),
    ignored: 0,
    limits: resolveLimits(limits),
  };
  await walk(root, [], state);
  const warnings = state.ignored > 0 ? [`ignored ${state.ignored} device, fifo or socket files`] : [];
  return new SquashedTree({
    tree: state.tree,
    versions: state.versions,
    layers: [],
    warnings,
    maxFileBytes: state.limits.maxFileBytes,
    content: {
      open: async (entry) => createReadStream(join(root, ...splitPath(entry.path))),
      has: () => true,
      close: async () => {},
    },
  });
}
