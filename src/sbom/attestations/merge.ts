import { parsePurl } from '../../core/purl.js';
import type { Package } from '../types.js';

/**
 * A package's identity across SBOM tools: purl type, namespace, name and version. Qualifiers are left out on
 * purpose: tools disagree on them (`distro=debian-12` or `debian-12.5`, `upstream=`, epochs as qualifiers).
 */
export function purlIdentity(purl: string): string | undefined {
  const parts = parsePurl(purl);
  if (!parts) return undefined;
  return [parts.type.toLowerCase(), parts.namespace ?? '', parts.name, parts.version ?? ''].join('\u0000');
}

/**
 * What the attestations add to the catalog: attested packages the catalog did not find (a build stage's
 * tools, files no cataloger reads), one per identity. A package both know stays the catalog's, which has
 * the evidence and the layer.
 */
export function complementOf(catalog: readonly Package[], attested: readonly Package[]): Package[] {
  const known = new Set(catalog.map((p) => purlIdentity(p.purl) ?? p.purl));
  const out = new Map<string, Package>();
  for (const pkg of attested) {
    const identity = purlIdentity(pkg.purl) ?? pkg.purl;
    if (!known.has(identity) && !out.has(identity)) out.set(identity, pkg);
  }
  return [...out.values()];
}
