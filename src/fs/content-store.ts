import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

const MEMORY_FILE_LIMIT = 256 * 1024;
const MEMORY_TOTAL_LIMIT = 64 * 1024 * 1024;

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

  async put(layer: number, path: string, size: number, content: AsyncIterable<Buffer>): Promise<void> {
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
   * Stores the content only if it holds one of the needles: it is written as it streams (never held
   * whole) and dropped at the end when no needle showed up. Returns whether it was kept.
   */
  async putIfContains(
    layer: number,
    path: string,
    size: number,
    content: AsyncIterable<Buffer>,
    needles: readonly Buffer[],
  ): Promise<boolean> {
    let found = false;
    let tail: Buffer = Buffer.alloc(0);
    const overlap = Math.max(...needles.map((n) => n.length)) - 1;
    async function* scanned(): AsyncGenerator<Buffer> {
      for await (const chunk of content) {
        if (!found) {
          const window = tail.length ? Buffer.concat([tail, chunk]) : chunk;
          found = needles.some((needle) => window.includes(needle));
          tail = window.subarray(Math.max(0, window.length - overlap));
        }
        yield chunk;
      }
    }
    await this.put(layer, path, size, scanned());
    if (!found) this.drop(layer, path);
    return found;
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
