import { compact, failed, guarded, type ParseResult, parsed } from '../lang-common/parsed.js';
import { licensesFrom } from './licenses.js';

/** Header fields of a core metadata file, each name lowercased, every occurrence kept in order. */
export type Headers = Map<string, string[]>;

/**
 * The header block of METADATA / PKG-INFO (email-header style, the body after the first blank line is the
 * description). A line starting with white space continues the field above it.
 */
export function readHeaders(text: string): Headers {
  const headers: Headers = new Map();
  let last: { key: string; index: number } | undefined;
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (line.trim() === '') break;
    if (/^[ \t]/.test(line) && last) {
      const values = headers.get(last.key)!;
      values[last.index] = `${values[last.index]}\n${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const values = headers.get(key) ?? [];
    values.push(line.slice(colon + 1).trim());
    headers.set(key, values);
    last = { key, index: values.length - 1 };
  }
  return headers;
}

export function first(headers: Headers, key: string): string | undefined {
  const value = headers.get(key)?.find((v) => v.trim() !== '');
  return value?.trim();
}

/** One installed distribution from its METADATA (dist-info), PKG-INFO (egg-info) or `.egg-info` file. */
export function parseCoreMetadata(text: string): ParseResult {
  return guarded(() => {
    const headers = readHeaders(text);
    const name = first(headers, 'name');
    const version = first(headers, 'version');
    if (!name || !version) return failed('core metadata without Name or Version');
    const metadata = compact({
      metadataVersion: first(headers, 'metadata-version'),
      author: first(headers, 'author') ?? first(headers, 'author-email'),
      homepage: first(headers, 'home-page'),
    });
    return parsed([{ name, version, licenses: licensesFrom(headers), ...(metadata ? { metadata } : {}) }]);
  });
}
