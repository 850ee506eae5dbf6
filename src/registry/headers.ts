/** Parsers for the HTTP headers the distribution protocol relies on. None of them throw. */

export interface AuthChallenge {
  /** Lower-cased: `bearer`, `basic`. */
  scheme: string;
  /** Parameter names lower-cased: `realm`, `service`, `scope`, `error`. */
  params: Record<string, string>;
}

const tokenChar = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

class Cursor {
  pos = 0;
  constructor(readonly text: string) {}
  get done(): boolean {
    return this.pos >= this.text.length;
  }
  peek(): string {
    return this.text[this.pos] ?? '';
  }
  skip(chars: RegExp): void {
    while (!this.done && chars.test(this.peek())) this.pos++;
  }
  token(): string {
    const start = this.pos;
    while (!this.done && tokenChar.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }
  /** An unquoted value: RFC 7235 says token, but servers send unquoted URLs too, so read to `,` or space. */
  bare(): string {
    const start = this.pos;
    while (!this.done && !/[\s,]/.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }
  quoted(): string {
    let value = '';
    this.pos++; // opening quote
    while (!this.done && this.peek() !== '"') {
      if (this.peek() === '\\') this.pos++;
      value += this.peek();
      this.pos++;
    }
    this.pos++; // closing quote
    return value;
  }
}

/** Reads `name=value` pairs after a scheme; stops at the start of the next challenge. */
function readParams(cursor: Cursor, params: Record<string, string>): void {
  while (!cursor.done) {
    cursor.skip(/[\s,]/);
    const start = cursor.pos;
    const name = cursor.token();
    cursor.skip(/\s/);
    if (!name || cursor.peek() !== '=') {
      // a bare token here is the next challenge's scheme (or a token68 we do not use)
      if (!name) cursor.pos++;
      else cursor.pos = start;
      return;
    }
    cursor.pos++;
    cursor.skip(/\s/);
    params[name.toLowerCase()] = cursor.peek() === '"' ? cursor.quoted() : cursor.bare();
  }
}

/** Parses `WWW-Authenticate` (RFC 7235), which may carry several challenges separated by commas. */
export function parseWwwAuthenticate(header: string | null | undefined): AuthChallenge[] {
  if (!header) return [];
  const cursor = new Cursor(header);
  const challenges: AuthChallenge[] = [];
  while (!cursor.done) {
    cursor.skip(/[\s,]/);
    const scheme = cursor.token();
    if (!scheme) {
      if (!cursor.done) cursor.pos++;
      continue;
    }
    const challenge: AuthChallenge = { scheme: scheme.toLowerCase(), params: {} };
    const before = cursor.pos;
    readParams(cursor, challenge.params);
    if (cursor.pos === before && !cursor.done && !/[\s,]/.test(cursor.peek())) cursor.pos++;
    challenges.push(challenge);
  }
  return challenges;
}

/** The `rel="next"` target of a `Link` header, resolved against the URL that returned it. */
export function parseNextLink(header: string | null | undefined, base: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const rels = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(match[2] ?? '');
    if (!rels || !rels[1]!.split(/\s+/).includes('next')) continue;
    try {
      return new URL(match[1]!, base).toString();
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** `Retry-After` as milliseconds from now: delta-seconds or an HTTP date. */
export function parseRetryAfter(header: string | null | undefined, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The media type of a `Content-Type` header, without parameters, lower-cased. */
export function mediaTypeOf(contentType: string | null | undefined): string | undefined {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type ? type : undefined;
}
