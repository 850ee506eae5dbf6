import { inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';

/** One file entry of a zip, as the central directory declares it. */
export interface ZipEntryInfo {
  name: string;
  /** Declared uncompressed size; yauzl checks it against the real stream while reading. */
  size: number;
}

/** A zip held in memory whose entries can be read one at a time, each under a byte cap. */
export interface OpenZip {
  entries: ZipEntryInfo[];
  read(name: string, maxBytes: number): Promise<Buffer>;
  close(): void;
}

/**
 * Opens a zip from a buffer and lists its file entries (directories left out). Throws on a zip yauzl
 * cannot read; callers turn that into an unknown.
 */
export async function openZip(data: Buffer): Promise<OpenZip> {
  const zip = await yauzl.fromBufferPromise(data, {
    lazyEntries: true,
    autoClose: false,
    strictFileNames: false,
    validateEntrySizes: true,
  });
  const byName = new Map<string, yauzl.Entry>();
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      // the first entry wins, as the JDK's jar reader does with duplicate names
      if (!byName.has(entry.fileName)) byName.set(entry.fileName, entry);
    }
  } catch (error) {
    zip.close();
    throw error;
  }
  return {
    entries: [...byName.values()].map((entry) => ({ name: entry.fileName, size: entry.uncompressedSize })),
    read: async (name, maxBytes) => {
      const entry = byName.get(name);
      if (!entry) throw new Error(`no entry ${name}`);
      if (entry.isEncrypted()) throw new Error(`${name} is encrypted`);
      if (entry.uncompressedSize > maxBytes) {
        throw new Error(`${name} declares ${entry.uncompressedSize} bytes, over the ${maxBytes}-byte cap`);
      }
      // the compressed bytes in one piece, inflated in one call: a stream per small entry costs more than the
      // inflating itself
      const raw = await collect(
        await zip.openReadStreamPromise(entry, entry.compressionMethod === 8 ? { decompress: false } : {}),
        name,
        maxBytes,
      );
      return inflated(entry, raw, name, maxBytes);
    },
    close: () => zip.close(),
  };
}

/** Stored or deflated entries, checked against the declared size as yauzl's validateEntrySizes does. */
function inflated(entry: yauzl.Entry, raw: Buffer, name: string, maxBytes: number): Buffer {
  let data: Buffer;
  if (entry.compressionMethod === 0) data = raw;
  else if (entry.compressionMethod === 8) {
    try {
      data = inflateRawSync(raw, { maxOutputLength: maxBytes + 1 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE')
        throw new Error(`${name} inflates past the ${maxBytes}-byte cap`);
      throw error;
    }
  } else throw new Error(`${name} uses compression method ${entry.compressionMethod}, not stored or deflate`);
  if (data.length > maxBytes) throw new Error(`${name} inflates past the ${maxBytes}-byte cap`);
  if (data.length !== entry.uncompressedSize)
    throw new Error(
      `${name} inflates to ${data.length} bytes, not the ${entry.uncompressedSize} its header says`,
    );
  return data;
}

async function collect(stream: AsyncIterable<Buffer>, name: string, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    // validateEntrySizes catches a lying header too, but only at the end: stop as soon as the cap is passed
    if (total > maxBytes) throw new Error(`${name} inflates past the ${maxBytes}-byte cap`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
