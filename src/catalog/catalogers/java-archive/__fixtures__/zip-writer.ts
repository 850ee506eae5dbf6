import { crc32, deflateRawSync } from 'node:zlib';

/** One entry of a test zip; `declaredSize` lets a test lie about the inflated size (bomb headers). */
export interface ZipInput {
  name: string;
  content: string | Buffer;
  store?: boolean;
  declaredSize?: number;
}

/**
 * Writes a plain zip (PKWARE APPNOTE: local headers, central directory, end record) so unit tests can build
 * archives in memory, hostile ones included. Real archives for the differential test come from `jar`.
 */
export function makeZip(inputs: ZipInput[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    const raw = Buffer.from(input.content);
    const data = input.store ? raw : deflateRawSync(raw);
    const name = Buffer.from(input.name);
    const fields = {
      method: input.store ? 0 : 8,
      crc: crc32(raw),
      compressed: data.length,
      size: input.declaredSize ?? raw.length,
      nameLength: name.length,
    };
    const local = header(0x04034b50, fields, false);
    locals.push(local, name, data);
    centrals.push(header(0x02014b50, fields, true, offset), name);
    offset += local.length + name.length + data.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(inputs.length, 8);
  end.writeUInt16LE(inputs.length, 10);
  end.writeUInt32LE(central.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, central, end]);
}

interface HeaderFields {
  method: number;
  crc: number;
  compressed: number;
  size: number;
  nameLength: number;
}

function header(signature: number, f: HeaderFields, central: boolean, offset = 0): Buffer {
  const shift = central ? 2 : 0; // the central header has "version made by" before the shared fields
  const out = Buffer.alloc(central ? 46 : 30);
  out.writeUInt32LE(signature, 0);
  if (central) out.writeUInt16LE(20, 4);
  out.writeUInt16LE(20, 4 + shift);
  out.writeUInt16LE(f.method, 8 + shift);
  out.writeUInt16LE(0x21, 12 + shift); // 1980-01-01
  out.writeUInt32LE(f.crc, 14 + shift);
  out.writeUInt32LE(f.compressed, 18 + shift);
  out.writeUInt32LE(f.size, 22 + shift);
  out.writeUInt16LE(f.nameLength, 26 + shift);
  if (central) out.writeUInt32LE(offset, 42);
  return out;
}
