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

/**
 * Applies one layer's records to the squashed tree as they stream by. Whiteouts and opaque markers hide
 * only LOWER layers' files (OCI image spec), wherever they sit in the tar, so they remove entries of
 * earlier layers and leave this layer's own. Parents are resolved through symlinks, never leaving the root.
 */
export class LayerApplier {
  readonly changes: LayerChanges = { added: 0, changed: 0, removed: 0, moved: new Map(), warnings: [] };

  constructor(
    private readonly tree: Tree,
    private readonly layer: number,
    private readonly onEntry: (entry: FileEntry) => void,
  ) {}

  apply(record: LayerRecord): void {
    if (record.kind === 'opaque') {
      const real = this.tree.resolveParts(record.path, true);
      if (real) this.changes.removed += this.tree.clearLower(real, this.layer);
    } else if (record.kind === 'whiteout') {
      const parent = this.tree.resolveParts(dirname(record.path), true);
      if (parent)
        this.changes.removed += this.tree.removeLower([...parent, basename(record.path)], this.layer);
    } else {
      this.applyEntry(record);
    }
  }

  private applyEntry(record: LayerRecord): void {
    const { tree, layer, changes } = this;
    const parent = tree.resolveParts(dirname(record.path), true);
    if (!parent) {
      changes.warnings.push(`skipped ${printable(record.path)}: its parent directory is a symlink loop`);
      return;
    }
    this.ensureDirectories(parent);
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
    if (entry.type === 'hardlink') entry = this.hardlinkEntry(entry);
    if (!entry) return;
    if (entry.path !== record.path) changes.moved.set(entry.path, record.path);
    const { replaced, removedBelow } = tree.put(parts, entry);
    changes.removed += removedBelow;
    if (entry.type !== 'dir') {
      if (replaced && replaced.type !== 'dir') changes.changed += 1;
      else changes.added += 1;
    }
    this.onEntry(entry);
  }

  /** Makes every component a directory, creating missing ones (and replacing non-directories) as tar extractors do. */
  private ensureDirectories(parts: readonly string[]): void {
    for (let depth = 1; depth <= parts.length; depth += 1) {
      const prefix = parts.slice(0, depth);
      if (this.tree.lookup(prefix)?.entry.type === 'dir') continue;
      this.tree.put(prefix, {
        path: joinPath(prefix),
        type: 'dir',
        mode: 0o755,
        size: 0,
        uid: 0,
        gid: 0,
        mtime: 0,
        layer: this.layer,
      });
    }
  }

  private hardlinkEntry(entry: FileEntry): FileEntry | undefined {
    const target = this.tree.resolveParts(entry.linkTarget ?? '/', false);
    const node = target ? this.tree.lookup(target) : undefined;
    if (!target || !node || node.entry.type === 'dir') {
      this.changes.warnings.push(
        `hardlink ${printable(entry.path)} points to a missing file ${printable(entry.linkTarget ?? '')}`,
      );
      return undefined;
    }
    const resolvedTarget =
      node.entry.type === 'hardlink' ? (node.entry.linkTarget ?? joinPath(target)) : joinPath(target);
    return { ...entry, linkTarget: resolvedTarget, size: node.entry.size };
  }
}
