/**
 * Builds rpm header blobs (database form: il, dl, index, data) for unit tests, from the format: entries are
 * written in the order given, INT32 data aligned to 4 bytes and INT16 to 2, as rpm aligns them.
 */
export type HeaderValue =
  | { tag: number; type: 'string'; value: string }
  | { tag: number; type: 'string-array'; value: string[] }
  | { tag: number; type: 'int32'; value: number[] }
  | { tag: number; type: 'int16'; value: number[] }
  | { tag: number; type: 'bin'; value: Buffer };

const typeCodes = { int16: 3, int32: 4, string: 6, bin: 7, 'string-array': 8 } as const;

export function headerBlob(values: HeaderValue[]): Buffer {
  const index = Buffer.alloc(values.length * 16);
  const parts: Buffer[] = [];
  let size = 0;
  values.forEach((entry, i) => {
    const align = entry.type === 'int32' ? 4 : entry.type === 'int16' ? 2 : 1;
    const pad = (align - (size % align)) % align;
    if (pad) parts.push(Buffer.alloc(pad));
    size += pad;
    const data = encode(entry);
    index.writeUInt32BE(entry.tag, i * 16);
    index.writeUInt32BE(typeCodes[entry.type], i * 16 + 4);
    index.writeUInt32BE(size, i * 16 + 8);
    index.writeUInt32BE(countOf(entry), i * 16 + 12);
    parts.push(data);
    size += data.length;
  });
  const head = Buffer.alloc(8);
  head.writeUInt32BE(values.length, 0);
  head.writeUInt32BE(size, 4);
  return Buffer.concat([head, index, ...parts]);
}

function encode(entry: HeaderValue): Buffer {
  switch (entry.type) {
    case 'string':
      return Buffer.from(`${entry.value}\0`);
    case 'string-array':
      return Buffer.from(entry.value.map((s) => `${s}\0`).join(''));
    case 'int32': {
      const out = Buffer.alloc(entry.value.length * 4);
      entry.value.forEach((v, i) => {
        out.writeUInt32BE(v, i * 4);
      });
      return out;
    }
    case 'int16': {
      const out = Buffer.alloc(entry.value.length * 2);
      entry.value.forEach((v, i) => {
        out.writeUInt16BE(v, i * 2);
      });
      return out;
    }
    case 'bin':
      return entry.value;
  }
}

function countOf(entry: HeaderValue): number {
  if (entry.type === 'string') return 1;
  if (entry.type === 'bin') return entry.value.length;
  return entry.value.length;
}

/** A minimal package header: name, version, release, arch, optional epoch and extra entries. */
export function packageHeader(
  name: string,
  version: string,
  release: string,
  options: { epoch?: number; arch?: string; extra?: HeaderValue[] } = {},
): Buffer {
  return headerBlob([
    { tag: 1000, type: 'string', value: name },
    { tag: 1001, type: 'string', value: version },
    { tag: 1002, type: 'string', value: release },
    ...(options.epoch === undefined ? [] : [{ tag: 1003, type: 'int32' as const, value: [options.epoch] }]),
    { tag: 1022, type: 'string', value: options.arch ?? 'x86_64' },
    ...(options.extra ?? []),
  ]);
}
