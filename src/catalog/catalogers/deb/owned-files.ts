import type { FileEntry, FileTree } from '../../../fs/types.js';

/** A file a cataloger read for one package, and what it listed. */
export interface OwnedFiles {
  entry: FileEntry;
  files: string[];
}

/**
 * The files dpkg installed for a package, from `info/<name>:<arch>.list` (Multi-Arch: same packages) or
 * `info/<name>.list`. The list names directories too (`/.`, `/usr`); those the tree shows as directories are
 * dropped so what remains is files and links.
 */
export async function dpkgInfoList(
  tree: FileTree,
  name: string,
  architecture: string | undefined,
): Promise<OwnedFiles | undefined> {
  const candidates = architecture
    ? [`/var/lib/dpkg/info/${name}:${architecture}.list`, `/var/lib/dpkg/info/${name}.list`]
    : [`/var/lib/dpkg/info/${name}.list`];
  for (const path of candidates) {
    const text = await readText(tree, path);
    if (text === undefined) continue;
    const files = text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.startsWith('/') && line !== '/.' && tree.get(line)?.type !== 'dir');
    return { entry: tree.resolve(path)!, files };
  }
  return undefined;
}

/** Distroless status.d files may have a `<name>.md5sums` sibling: `<md5>  <path relative to />` lines. */
export async function md5sumsList(tree: FileTree, path: string): Promise<OwnedFiles | undefined> {
  const text = await readText(tree, path);
  if (text === undefined) return undefined;
  const files: string[] = [];
  for (const line of text.split('\n')) {
    const match = /^[0-9a-f]{32}\s+\*?(.+)$/i.exec(line.trim());
    if (match) files.push(`/${match[1]!.replace(/^\.?\/+/, '')}`);
  }
  return { entry: tree.resolve(path)!, files };
}

/** A file's text (links followed inside the tree), or undefined when it is missing or cannot be read. */
export async function readText(tree: FileTree, path: string): Promise<string | undefined> {
  const entry = tree.resolve(path);
  if (entry?.type !== 'file' && entry?.type !== 'hardlink') return undefined;
  try {
    return (await tree.readFile(path)).toString('utf8');
  } catch {
    return undefined;
  }
}
