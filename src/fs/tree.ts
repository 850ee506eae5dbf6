import { splitPath } from './paths.js';
import type { FileEntry } from './types.js';

/** A node of the squashed tree. Directories have children. */
export interface TreeNode {
  entry: FileEntry;
  children?: Map<string, TreeNode>;
}

const MAX_LINK_HOPS = 40;

export function rootEntry(): FileEntry {
  return { path: '/', type: 'dir', mode: 0o755, size: 0, uid: 0, gid: 0, mtime: 0, layer: 0 };
}

/**
 * The mutable squashed tree the layer applier builds. Path resolution follows symlinks the way a secure
 * extractor does (containerd, umoci): `..` and absolute targets stay inside the root.
 */
export class Tree {
  readonly root: TreeNode = { entry: rootEntry(), children: new Map() };
  count = 0;
  /** Told of every entry that leaves the tree (deleted, hidden by an opaque dir, or replaced). */
  onForget: ((entry: FileEntry) => void) | undefined;

  /** The node at exactly these components, links not followed. */
  lookup(parts: readonly string[]): TreeNode | undefined {
    let node: TreeNode | undefined = this.root;
    for (const part of parts) {
      node = node.children?.get(part);
      if (!node) return undefined;
    }
    return node;
  }

  /**
   * Resolves a path to real components. Symlinks are followed in every component, and in the last one
   * when `followLast`. Missing components are kept literally (so a caller can create them). Returns
   * undefined on a symlink loop.
   */
  resolveParts(path: string, followLast: boolean): string[] | undefined {
    const resolved: string[] = [];
    const pending = splitPath(path).reverse();
    let hops = 0;
    while (pending.length > 0) {
      const part = pending.pop()!;
      if (part === '..') {
        resolved.pop();
        continue;
      }
      const node = this.lookup([...resolved, part]);
      const isLast = pending.length === 0;
      if (node?.entry.type === 'symlink' && (!isLast || followLast)) {
        if (++hops > MAX_LINK_HOPS) return undefined;
        const target = node.entry.linkTarget ?? '';
        if (target.startsWith('/')) resolved.length = 0;
        pending.push(...splitPath(target).reverse());
        continue;
      }
      resolved.push(part);
    }
    return resolved;
  }

  /** Removes a node and everything under it; returns how many non-directory paths went away. */
  remove(parts: readonly string[]): number {
    if (parts.length === 0) return 0;
    const parent = this.lookup(parts.slice(0, -1));
    const node = parent?.children?.get(parts[parts.length - 1]!);
    if (!parent || !node) return 0;
    parent.children!.delete(parts[parts.length - 1]!);
    return this.forget(node);
  }

  /**
   * A whiteout: removes the node if a lower layer wrote it; if this layer wrote it (the path came back in
   * the same layer), only what lower layers left below it goes.
   */
  removeLower(parts: readonly string[], layer: number): number {
    if (parts.length === 0) return this.clearLower(parts, layer);
    const node = this.lookup(parts);
    if (!node) return 0;
    return node.entry.layer < layer ? this.remove(parts) : this.clearLower(parts, layer);
  }

  /**
   * An opaque directory: removes everything lower layers put below it. This layer's own entries stay, and
   * so do lower directories that hold some of them (their lower contents go).
   */
  clearLower(parts: readonly string[], layer: number): number {
    const node = this.lookup(parts);
    return node?.children ? this.pruneLower(node, layer) : 0;
  }

  private pruneLower(node: TreeNode, layer: number): number {
    let removed = 0;
    for (const [name, child] of node.children!) {
      if (child.children) removed += this.pruneLower(child, layer);
      const keep = child.entry.layer >= layer || (child.children !== undefined && child.children.size > 0);
      if (keep) continue;
      node.children!.delete(name);
      removed += this.forget(child);
    }
    return removed;
  }

  private forget(node: TreeNode): number {
    let files = node.entry.type === 'dir' ? 0 : 1;
    this.count -= 1;
    this.onForget?.(node.entry);
    if (node.children) for (const child of node.children.values()) files += this.forget(child);
    return files;
  }

  /** Puts an entry at real components whose parents exist as directories. Returns the node it replaced. */
  put(parts: readonly string[], entry: FileEntry): { replaced?: FileEntry; removedBelow: number } {
    if (parts.length === 0) {
      this.root.entry = { ...entry, path: '/' };
      return { replaced: undefined, removedBelow: 0 };
    }
    const parent = this.lookup(parts.slice(0, -1))!;
    const name = parts[parts.length - 1]!;
    const existing = parent.children!.get(name);
    if (existing && existing.entry.type === 'dir' && entry.type === 'dir') {
      // a directory written again keeps its children, as overlay filesystems merge them
      const replaced = existing.entry;
      existing.entry = entry;
      return { replaced, removedBelow: 0 };
    }
    let removedBelow = 0;
    if (existing) {
      // the path itself lives on (its history continues); only what was below it is gone
      if (existing.children)
        for (const child of existing.children.values()) removedBelow += this.forget(child);
      this.count -= 1;
    }
    const node: TreeNode = entry.type === 'dir' ? { entry, children: new Map() } : { entry };
    parent.children!.set(name, node);
    this.count += 1;
    return { replaced: existing?.entry, removedBelow };
  }

  /** Walks the tree, parents before children, siblings sorted by name. */
  *walk(node: TreeNode = this.root): Generator<FileEntry> {
    if (!node.children) return;
    const names = [...node.children.keys()].sort();
    for (const name of names) {
      const child = node.children.get(name)!;
      yield child.entry;
      yield* this.walk(child);
    }
  }
}
