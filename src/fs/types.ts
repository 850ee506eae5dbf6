import type { Readable } from 'node:stream';
import type { Digest } from '../core/digest.js';

export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink';

/** One path of the squashed image filesystem. Plain data: serialisable and comparable. */
export interface FileEntry {
  /** Absolute and normalised: `/etc/os-release`; the root is `/`. */
  path: string;
  type: EntryType;
  /** Permission and special bits (`mode & 0o7777`). */
  mode: number;
  /** Content size for files and hardlinks (the target's size); 0 for the rest. */
  size: number;
  uid: number;
  gid: number;
  /** Modification time, seconds since the epoch. */
  mtime: number;
  /** Symlink: the target as written in the layer. Hardlink: the absolute path it links to. */
  linkTarget?: string;
  /** Index of the layer (0 = earliest) that last wrote this path. */
  layer: number;
}

/** One layer as the tree saw it. A directory (fs://) has no layers; its entries all say layer 0. */
export interface LayerSummary {
  index: number;
  digest: Digest;
  diffId: Digest;
  /** Paths that did not exist below this layer. */
  added: number;
  /** Paths that existed below and were written again. */
  changed: number;
  /** Paths of lower layers deleted by this layer's whiteouts and opaque directories. */
  removed: number;
  /** Uncompressed bytes of the layer tar. */
  uncompressedBytes: number;
}

/**
 * The squashed filesystem of an image (or a directory), as catalogers see it: the one file-resolver
 * interface every cataloger reads through, whatever the source.
 */
export interface FileTree {
  readonly layers: readonly LayerSummary[];
  /** Things skipped on purpose (device files, ...) — not errors. */
  readonly warnings: readonly string[];
  /** Number of paths in the squashed tree, the root excluded. */
  readonly size: number;
  /** The entry at exactly this path; symlinks are not followed. */
  get(path: string): FileEntry | undefined;
  /** The entry this path leads to, following symlinks in every component, never leaving the root. */
  resolve(path: string): FileEntry | undefined;
  /** Every entry, sorted by path, the root excluded. */
  entries(): FileEntry[];
  /** Direct children of a directory, sorted by name. */
  children(path: string): FileEntry[];
  /** Entries whose path matches a glob (`**` crosses directories; patterns are absolute). */
  glob(pattern: string | string[]): FileEntry[];
  /**
   * The writes of this path that led to its current state, earliest first: every layer that wrote it since
   * it was last deleted (overwritten versions included, so a cataloger can tell which layer introduced what).
   * Empty when the path does not exist now.
   */
  versions(path: string): FileEntry[];
  /**
   * A file's content (following links). Capped by `maxFileBytes`; pass an entry from `versions()` for an older one.
   * Content kept in memory is returned as is, shared between callers: read it, never change it.
   */
  readFile(target: string | FileEntry): Promise<Buffer>;
  /**
   * Whether a file's content is at hand without re-reading its layer: kept while streaming (selected by
   * a cataloger), or on disk (directories). Catalogers that sweep many files read only these.
   */
  retained(target: FileEntry): boolean;
  /** A file's content as a stream, uncapped. */
  openFile(target: string | FileEntry): Promise<Readable>;
  /** Removes spilled content. */
  close(): Promise<void>;
}

/** Keep a file's content only if it holds one of these byte strings (checked as it streams by). */
export interface ContentFilter {
  needles: readonly Buffer[];
}

/**
 * Decides, while a layer streams by, which files' contents to keep for catalogers (mode: permission bits):
 * all of it, none, or only if it contains a needle (Go build info in executables, say).
 */
export type ContentSelector = (path: string, size: number, mode: number) => boolean | ContentFilter;
