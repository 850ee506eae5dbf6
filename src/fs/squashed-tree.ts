import type { Readable } from 'node:stream';
import { AppError } from '../core/errors.js';
import { compileMatcher, type PathMatcher } from './path-matcher.js';
import { joinPath, printable, splitPath } from './paths.js';
import type { Tree } from './tree.js';
import type { FileEntry, FileTree, LayerSummary } from './types.js';

/** Where a FileTree gets file contents from: retained content, a re-read of the layer, or the disk. */
export interface ContentSource {
  open(entry: FileEntry): Promise<Readable>;
  /** The whole content when it is held in memory already (no stream, no copy); else undefined. */
  held?(entry: FileEntry): Buffer | undefined;
  has(entry: FileEntry): boolean;
  close(): Promise<void>;
}

export interface SquashedTreeParts {
  tree: Tree;
  /** Every write of a path since its last deletion: the entry itself when written once. */
  versions: Map<string, FileEntry | FileEntry[]>;
  layers: LayerSummary[];
  warnings: string[];
  content: ContentSource;
  maxFileBytes: number;
}

/** The FileTree every source produces: an immutable view over the squashed tree. */
export class SquashedTree implements FileTree {
  readonly layers: readonly LayerSummary[];
  readonly warnings: readonly string[];
  private readonly tree: Tree;
  private readonly history: Map<string, FileEntry | FileEntry[]>;
  private readonly content: ContentSource;
  private readonly maxFileBytes: number;
  private sorted: FileEntry[] | undefined;
  private readonly matchers = new Map<string, PathMatcher>();
  private byName: Map<string, FileEntry[]> | undefined;
  private position: Map<FileEntry, number> | undefined;

  constructor(parts: SquashedTreeParts) {
    this.tree = parts.tree;
    this.history = parts.versions;
    this.layers = parts.layers;
    this.warnings = parts.warnings;
    this.content = parts.content;
    this.maxFileBytes = parts.maxFileBytes;
  }

  get size(): number {
    return this.tree.count;
  }

  get(path: string): FileEntry | undefined {
    return this.tree.lookup(splitPath(path))?.entry;
  }

  resolve(path: string): FileEntry | undefined {
    const parts = this.tree.resolveParts(path, true);
    return parts ? this.tree.lookup(parts)?.entry : undefined;
  }

  entries(): FileEntry[] {
    this.sorted ??= [...this.tree.walk()];
    return this.sorted;
  }

  children(path: string): FileEntry[] {
    const parts = this.tree.resolveParts(path, true);
    const node = parts ? this.tree.lookup(parts) : undefined;
    if (!node?.children) return [];
    return [...node.children.keys()].sort().map((name) => node.children!.get(name)!.entry);
  }

  glob(pattern: string | string[]): FileEntry[] {
    const patterns = Array.isArray(pattern) ? pattern : [pattern];
    const key = patterns.join('\u0000');
    let match = this.matchers.get(key);
    if (!match) {
      match = compileMatcher(patterns);
      this.matchers.set(key, match);
    }
    if (match.general || match.extensions.size > 0 || match.prefixes.length > 0 || match.shapes.length > 0)
      return this.entries().filter((entry) => match(entry.path));
    // every pattern ends in a literal name: only entries with that name can match
    this.indexNames();
    const candidates = [...match.names].flatMap((name) => this.byName!.get(name) ?? []);
    return candidates
      .filter((entry) => match(entry.path))
      .sort((a, b) => this.position!.get(a)! - this.position!.get(b)!);
  }

  private indexNames(): void {
    if (this.byName) return;
    this.byName = new Map();
    this.position = new Map();
    for (const [index, entry] of this.entries().entries()) {
      this.position.set(entry, index);
      const name = entry.path.slice(entry.path.lastIndexOf('/') + 1);
      const list = this.byName.get(name);
      if (list) list.push(entry);
      else this.byName.set(name, [entry]);
    }
  }

  versions(path: string): FileEntry[] {
    const seen = this.history.get(joinPath(splitPath(path)));
    if (seen === undefined) return [];
    return Array.isArray(seen) ? seen : [seen];
  }

  async readFile(target: string | FileEntry): Promise<Buffer> {
    const entry = this.fileEntry(target);
    if (entry.size > this.maxFileBytes) {
      throw new AppError(
        'E_LIMIT_EXCEEDED',
        `${printable(entry.path)} is ${entry.size} bytes, over the read limit`,
        {
          where: `layer ${entry.layer}`,
          hint: 'raise --max-file-bytes (or CROWSNEST_MAX_FILE_BYTES) to read it',
        },
      );
    }
    const source = this.contentEntry(entry);
    const held = this.content.held?.(source);
    if (held) return held;
    const chunks: Buffer[] = [];
    for await (const chunk of await this.content.open(source)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  retained(target: FileEntry): boolean {
    return this.content.has(this.contentEntry(target));
  }

  async openFile(target: string | FileEntry): Promise<Readable> {
    return this.content.open(this.contentEntry(this.fileEntry(target)));
  }

  close(): Promise<void> {
    return this.content.close();
  }

  private fileEntry(target: string | FileEntry): FileEntry {
    const entry = typeof target === 'string' ? this.resolve(target) : target;
    if (!entry) {
      throw new AppError('E_INPUT_NOT_FOUND', `no file ${printable(String(target))} in the image`);
    }
    if (entry.type !== 'file' && entry.type !== 'hardlink') {
      throw new AppError('E_INPUT_NOT_FOUND', `${printable(entry.path)} is a ${entry.type}, not a file`);
    }
    return entry;
  }

  /** A hardlink's content is its target's, as it was when the link was written. */
  private contentEntry(entry: FileEntry): FileEntry {
    if (entry.type !== 'hardlink') return entry;
    const candidates = this.versions(entry.linkTarget ?? '').filter(
      (version) => version.layer <= entry.layer && version.type === 'file',
    );
    const target = candidates[candidates.length - 1];
    if (!target)
      throw new AppError('E_INPUT_NOT_FOUND', `hardlink ${printable(entry.path)} has no target content`);
    return target;
  }
}
