/**
 * The main section of a JAR manifest (`META-INF/MANIFEST.MF`): `Name: value` headers, a line starting with
 * one space continues the previous value (72-byte line wrapping), a blank line ends the section. Header
 * names are case-insensitive, so keys are kept as written and looked up without case.
 */
export type Manifest = Map<string, string>;

export function parseManifest(text: string): Manifest {
  const headers: Manifest = new Map();
  let lastKey: string | undefined;
  for (const line of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    if (line === '') {
      if (headers.size > 0) break;
      continue;
    }
    if (line.startsWith(' ')) {
      if (lastKey !== undefined) headers.set(lastKey, `${headers.get(lastKey) ?? ''}${line.slice(1)}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) {
      lastKey = undefined;
      continue;
    }
    lastKey = line.slice(0, colon).trim();
    headers.set(lastKey, line.slice(colon + 1).replace(/^ /, ''));
  }
  return headers;
}

/** A header's value regardless of the case it was written in; blank values count as absent. */
export function manifestValue(manifest: Manifest, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of manifest) {
    if (key.toLowerCase() === wanted) return value.trim() || undefined;
  }
  return undefined;
}
