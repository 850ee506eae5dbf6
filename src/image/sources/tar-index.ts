import { createReadStream } from 'node:fs';
import { extract } from 'tar-stream';
import { AppError } from '../../core/errors.js';

export interface TarMember {
  /** Byte offset of the member's content in the archive. */
  offset: number;
  size: number;
  type: string;
  linkname?: string;
}

function normaliseMemberName(name: string): string {
  return name.replace(/^(\.\/)+/, '').replace(/^\/+/, '');
}

/**
 * Lists an uncompressed tar's members with their content offsets, so each can later be streamed
 * straight from the file without extracting the archive.
 */
export async function indexTar(file: string, what: string): Promise<Map<string, TarMember>> {
  const members = new Map<string, TarMember>();
  const parser = extract();
  const input = createReadStream(file);
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser as unknown as NodeJS.WritableStream);
  try {
    for await (const entry of parser) {
      const header = entry.header;
      // the content starts after the entry's own 512-byte header (pax and long-name headers come before it)
      members.set(normaliseMemberName(header.name), {
        offset: entry.offset + 512,
        size: header.size ?? 0,
        type: header.type,
        ...(header.linkname ? { linkname: header.linkname } : {}),
      });
      entry.resume();
    }
  } catch (error) {
    throw new AppError(
      'E_ARCHIVE_INVALID',
      `${what} is not a readable tar archive: ${(error as Error).message}`,
      {
        where: file,
        hint: 'pass a file written by docker save, skopeo or podman (archive://, oci-archive://)',
        cause: error,
      },
    );
  } finally {
    input.destroy();
  }
  if (members.size === 0) {
    throw new AppError('E_ARCHIVE_INVALID', `${what} is empty or not a tar archive`, { where: file });
  }
  return members;
}

/** Follows hardlink/symlink members (docker save links duplicate layers) to the member holding the bytes. */
export function resolveMember(members: Map<string, TarMember>, name: string): TarMember | undefined {
  let member = members.get(normaliseMemberName(name));
  for (
    let hops = 0;
    member && (member.type === 'link' || member.type === 'symlink') && hops < 10;
    hops += 1
  ) {
    const target = member.linkname ?? '';
    const base =
      member.type === 'symlink' && !target.startsWith('/') ? name.slice(0, name.lastIndexOf('/') + 1) : '';
    name = normaliseMemberName(`${base}${target}`).replace(/[^/]+\/\.\.\//g, '');
    member = members.get(name);
  }
  return member;
}
