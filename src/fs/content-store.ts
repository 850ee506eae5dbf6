import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const MEMORY_FILE_LIMIT = 8 * 1024 * 1024;
const MEMORY_TOTAL_LIMIT = 96 * 1024 * 1024;

type Stored = { kind: 'memory'; data: Buffer } | { kind: 'disk'; file: string };

/**
 * File contents kept while layers stream by: small ones in memory, the rest spilled to a temp directory,
 * so no layer is ever held whole in memory. Keyed by layer index and path.
 */
export class ContentStore {
  private readonly stored = new Map<string, Stored>();
  private memoryBytes = 0;
  private spillDir: string | undefined;
  private spilled = 0;

  static key(layer: number, path: string): string {
    return `${layer}\u0000${path}`;
  }

  has(layer: number, path: string): boolean {
    return this.stored.has(ContentStore.key(layer, path));
  }

  async put(
    layer: number,
    path: string,
    size: number,
    content: AsyncIterable<Buffer> | Iterable<Buffer>,
  ): Promise<void> {
    const key = ContentStore.key(layer, path);
    if (size <= MEMORY_FILE_LIMIT && this.memoryBytes + size <= MEMORY_TOTAL_LIMIT) {
      const chunks: Buffer[] = [];
      for await (const chunk of content) chunks.push(chunk as Buffer);
      const data = Buffer.concat(chunks);
      this.release(key);
      this.stored.set(key, { kind: 'memory', data });
      this.memoryBytes += data.length;
      return;
    }
    this.spillDir ??= await mkdtemp(join(tmpdir(), 'crowsnest-content-'));
    const file = join(this.spillDir, String(this.spilled++));
    await pipeline(Readable.from(content), createWriteStream(file));
    this.release(key);
    this.stored.set(key, { kind: 'disk', file });
  }

  /**
   * Stores the content only if it holds one of the needles, searched as it streams (a needle split across
   * two chunks is found too). Small files are held as chunks until the verdict; big ones are written to disk
   * meanwhile and removed when no needle showed up. Returns whether it was kept.
   */
  async putIfContains(
    layer: number,
    path: string,
    size: number,
    content: AsyncIterable<Buffer>,
    needles: readonly Buffer[],
  ): Promise<boolean> {
    const search = new NeedleSearch(needles);
    if (size > MEMORY_FILE_LIMIT) {
      await this.put(layer, path, size, search.through(content));
      if (!search.found) this.drop(layer, path);
      return search.found;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of search.through(content)) chunks.push(chunk);
    if (search.found) await this.put(layer, path, size, chunks);
    return search.found;
  }

  private drop(layer: number, path: string): void {
    const key = ContentStore.key(layer, path);
    const stored = this.stored.get(key);
    if (!stored) return;
    this.release(key);
    this.stored.delete(key);
    if (stored.kind === 'disk') void rm(stored.file, { force: true });
  }

  async read(layer: number, path: string): Promise<Buffer | undefined> {
    const stored = this.stored.get(ContentStore.key(layer, path));
    if (!stored) return undefined;
    return stored.kind === 'memory' ? stored.data : readFile(stored.file);
  }

  /** Content held in memory, shared (callers must not change it); undefined when on disk or absent. */
  held(layer: number, path: string): Buffer | undefined {
    const stored = this.stored.get(ContentStore.key(layer, path));
    return stored?.kind === 'memory' ? stored.data : undefined;
  }

  open(layer: number, path: string): Readable | undefined {
    const stored = this.stored.get(ContentStore.key(layer, path));
    if (!stored) return undefined;
    return stored.kind === 'memory' ? Readable.from([stored.data]) : createReadStream(stored.file);
  }

  private release(key: string): void {
    const old = this.stored.get(key);
    if (old?.kind === 'memory') this.memoryBytes -= old.data.length;
  }

  async close(): Promise<void> {
    this.stored.clear();
    this.memoryBytes = 0;
    if (this.spillDir) await rm(this.spillDir, { recursive: true, force: true });
    this.spillDir = undefined;
  }
}

/** Looks for any of several byte strings in a stream, across chunk boundaries, without copying chunks. */
class NeedleSearch {
  found = false;
  private tail: Buffer = Buffer.alloc(0);
  private readonly overlap: number;

  constructor(private readonly needles: readonly Buffer[]) {
    this.overlap = Math.max(0, ...needles.map((n) => n.length - 1));
  }

  async *through(content: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of content) {
      if (!this.found) this.look(chunk);
      yield chunk;
    }
  }

  private look(chunk: Buffer): void {
    if (this.tail.length > 0) {
      const seam = Buffer.concat([this.tail, chunk.subarray(0, this.overlap)]);
      if (this.needles.some((needle) => seam.includes(needle))) {
        this.found = true;
        return;
      }
    }
    if (this.needles.some((needle) => chunk.includes(needle))) {
      this.found = true;
      return;
    }
    this.tail =
      chunk.length >= this.overlap
        ? chunk.subarray(chunk.length - this.overlap)
        : Buffer.concat([this.tail, chunk]).subarray(-this.overlap);
  }
}
