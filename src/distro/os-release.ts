/**
 * os-release(5): newline-separated `KEY=value` assignments in a shell-compatible subset. Values may be
 * unquoted, in double quotes (where `\"`, `\\`, `\$` and `` \` `` are escapes) or in single quotes (no
 * escapes); lines starting with `#` are comments. Real files stray from the spec (trailing spaces, a value
 * with spaces but no quotes, CRLF endings), so the reader is lenient: it never throws, it skips what it
 * cannot read.
 */
export function parseOsRelease(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!match) continue;
    fields.set(match[1]!, unquote(match[2]!));
  }
  return fields;
}

/** A shell word as os-release uses it: quoted parts and unquoted parts may follow each other. */
function unquote(value: string): string {
  let out = '';
  let index = 0;
  while (index < value.length) {
    const char = value[index]!;
    if (char === '"') {
      index = readDoubleQuoted(value, index + 1, (part) => {
        out += part;
      });
    } else if (char === "'") {
      const end = value.indexOf("'", index + 1);
      const stop = end < 0 ? value.length : end;
      out += value.slice(index + 1, stop);
      index = stop + 1;
    } else if (char === '\\' && index + 1 < value.length) {
      out += value[index + 1];
      index += 2;
    } else if (char === '#' && /\s/.test(value[index - 1] ?? '')) {
      break; // an unquoted comment after the value
    } else {
      out += char;
      index += 1;
    }
  }
  return out.trim();
}

const doubleQuoteEscapes = new Set(['"', '\\', '$', '`']);

/** Reads up to the closing quote (or the end of the line); returns the index after it. */
function readDoubleQuoted(value: string, start: number, emit: (part: string) => void): number {
  let part = '';
  let index = start;
  while (index < value.length) {
    const char = value[index]!;
    if (char === '"') {
      emit(part);
      return index + 1;
    }
    const next = value[index + 1];
    if (char === '\\' && next !== undefined && doubleQuoteEscapes.has(next)) {
      part += next;
      index += 2;
      continue;
    }
    part += char;
    index += 1;
  }
  emit(part);
  return index;
}
