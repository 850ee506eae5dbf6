import { PackageURL } from 'packageurl-js';

export interface PurlParts {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
  qualifiers?: Record<string, string | undefined>;
  subpath?: string;
}

/** Builds a package URL with the purl library; empty qualifiers are dropped. */
export function makePurl(parts: PurlParts): string {
  const qualifiers: Record<string, string> = {};
  for (const [key, value] of Object.entries(parts.qualifiers ?? {})) {
    if (value !== undefined && value !== '') qualifiers[key] = value;
  }
  return new PackageURL(
    parts.type,
    parts.namespace || undefined,
    parts.name,
    parts.version || undefined,
    Object.keys(qualifiers).length ? qualifiers : undefined,
    parts.subpath || undefined,
  ).toString();
}

/** Parses a package URL; undefined when it is not one. */
export function parsePurl(text: string): PurlParts | undefined {
  try {
    const purl = PackageURL.fromString(text);
    return {
      type: purl.type,
      ...(purl.namespace ? { namespace: purl.namespace } : {}),
      name: purl.name,
      ...(purl.version ? { version: purl.version } : {}),
      ...(purl.qualifiers ? { qualifiers: { ...purl.qualifiers } } : {}),
      ...(purl.subpath ? { subpath: purl.subpath } : {}),
    };
  } catch {
    return undefined;
  }
}
