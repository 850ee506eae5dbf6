import type { LayerRecord } from './layer-walk.js';
import { basename, dirname, joinPath, printable } from './paths.js';
import type { Tree } from './tree.js';
import type { FileEntry } from './types.js';

export interface LayerChanges {
  added: number;
  changed: number;
  removed: number;
  /** Entries whose real path differs from their tar name (a parent was a symlink): real path → tar path. */
  moved: Map<string, string>;
  warnings: string[];
}

/** Makes every component a directory, creating missing ones (and replacing non-directories) as tar extractors do. */
function ensureDirectories(tree: Tree, parts: readonly string[], layer: number): void {
  for (let depth = 1; depth <= parts.length; depth += 1) {
    const prefix = parts.slice(0, depth);
    const node = tree.lookup(prefix);
    if (node?.entry.type === 'dir') continue;
    tree.put(prefix, {
      path: joinPath(prefix),
      type: 'dir',
      mode: 0o755,
      size: 0,
      uid: 0,
      gid: 0,
      mtime: 0,
      layer,
    });
  }
}

function applyDeletions(tree: Tree, records: readonly LayerRecord[]): number {
  let removed = 0;
  for (const record of records) {
    if (record.kind === 'opaque') {
      const real = tree.resolveParts(record.path, true);
      if (real) removed += tree.clear(real);
    } else if (record.kind === 'whiteout') {
      const parent = tree.resolveParts(dirname(record.path), true);
      if (parent) removed += tree.remove([...parent, basename(record.path)]);
    }
  }
  return removed;
}

function hardlinkEntry(tree: Tree, entry: FileEntry, changes: LayerChanges): FileEntry | undefined {
  const target = tree.resolveParts(entry.linkTarget ?? '/', false);
  const node = target ? tree.lookup(target) : undefined;
  if (!target || !node || node.entry.type === 'dir') {
    changes.warnings.push(
      `hardlink ${printable(entry.path)} points to a missing file ${printable(entry.linkTarget ?? '')}`,
    );
    return undefined;
  }
  const resolvedTarget =
    node.entry.type === 'hardlink' ? (node.entry.linkTarget ?? joinPath(target)) : joinPath(target);
  return { ...entry, linkTarget: resolvedTarget, size: node.entry.size };
}

/**
 * Applies one layer to the squashed tree: first its whiteouts and opaque directories (they hide only lower
 * layers' files), then its entries in tar order. Parents are resolved through symlinks, never leaving the root.
 */
export function applyLayer(
  tree: Tree,
  records: readonly LayerRecord[],
  layer: number,
  onEntry: (entry: FileEntry) => void,
): LayerChanges {
  const changes: LayerChanges = { added: 0, changed: 0, removed: 0, moved: new Map(), warnings: [] };
  changes.removed = applyDeletions(tree, records);
  for (const record of records) {
    if (record.kind !== 'entry') continue;
    const parent = tree.resolveParts(dirname(record.path), true);
    if (!parent) {
      changes.warnings.push(`skipped ${printable(record.path)}: its parent directory is a symlink loop`);
      continue;
    }
    ensureDirectories(tree, parent, layer);
    const parts = record.path === '/' ? [] : [...parent, basename(record.path)];
    let entry: FileEntry | undefined = {
      path: joinPath(parts),
      type: record.type!,
      mode: record.mode!,
      size: record.size!,
      uid: record.uid!,
      gid: record.gid!,
      mtime: record.mtime!,
      layer,
      ...(record.linkTarget !== undefined ? { linkTarget: record.linkTarget } : {}),
    };
    if (entry.type === 'hardlink') entry = hardlinkEntry(tree, entry, changes);
    if (!entry) continue;
    if (entry.path !== record.path) changes.moved.set(entry.path, record.path);
    const { replaced, removedBelow } = tree.put(parts, entry);
    changes.removed += removedBelow;
    if (entry.type !== 'dir') {
      if (replaced && replaced.type !== 'dir') changes.changed += 1;
      else changes.added += 1;
    }
    onEntry(entry);
  }
  return changes;
}
