import { type PurlParts, parsePurl } from '../../core/purl.js';
import type { Package, SbomSource } from '../../sbom/types.js';
import type { Finding, VexVerdict } from '../types.js';
import type { VexComponent, VexStatement } from './model.js';

/** purl types whose names compare case-insensitively (and PyPI's PEP 503 spelling). */
const caseless = new Set(['npm', 'pypi', 'nuget', 'github', 'composer', 'gem', 'deb', 'apk', 'alpm']);

function nameKey(parts: PurlParts): string {
  const name = `${parts.namespace ?? ''}/${parts.name}`;
  if (parts.type === 'pypi') return name.toLowerCase().replace(/[-_.]+/g, '-');
  return caseless.has(parts.type) ? name.toLowerCase() : name;
}

/**
 * A statement's purl names a package when type, namespace and name agree, and version, qualifiers and
 * subpath agree where the statement gives them: `pkg:npm/lodash` covers every lodash, and a statement
 * without qualifiers ignores the package's (`?arch=amd64&distro=debian-12`).
 */
export function purlCovers(statementPurl: string, packagePurl: string): boolean {
  const want = parsePurl(statementPurl);
  const have = parsePurl(packagePurl);
  if (!want || !have || want.type.toLowerCase() !== have.type.toLowerCase()) return false;
  if (nameKey(want) !== nameKey(have)) return false;
  if (want.version !== undefined && want.version !== have.version) return false;
  if (want.subpath !== undefined && want.subpath !== have.subpath) return false;
  for (const [key, value] of Object.entries(want.qualifiers ?? {})) {
    if (value !== undefined && have.qualifiers?.[key] !== value) return false;
  }
  return true;
}

/** The ids that name the scanned image: its digests (as `pkg:oci/...@sha256:...` versions) and reference. */
export interface ImageIdentity {
  digests: string[];
  names: string[];
}

export function imageIdentity(source: SbomSource): ImageIdentity {
  const digests = [source.manifestDigest, source.indexDigest].filter((d): d is NonNullable<typeof d> => !!d);
  const names = [source.reference, source.location].filter((n): n is string => !!n);
  return { digests: digests.map((d) => d.toLowerCase()), names };
}

function namesImage(id: string, image: ImageIdentity): boolean {
  if (image.names.includes(id)) return true;
  const purl = parsePurl(id);
  return purl?.type === 'oci' && !!purl.version && image.digests.includes(purl.version.toLowerCase());
}

function componentCovers(component: VexComponent, pkg: Package): boolean {
  return component.ids.some((id) => id.startsWith('pkg:') && purlCovers(id, pkg.purl));
}

/** A statement applies when a product is the package, or the image with the package among its subcomponents. */
function applies(statement: VexStatement, pkg: Package, image: ImageIdentity): boolean {
  return statement.products.some((product) => {
    if (componentCovers(product, pkg)) return true;
    if (!product.ids.some((id) => namesImage(id, image))) return false;
    return product.subcomponents.length === 0 || product.subcomponents.some((s) => componentCovers(s, pkg));
  });
}

function later(a: VexStatement, b: VexStatement): boolean {
  const ta = a.timestamp ? Date.parse(a.timestamp) : Number.NaN;
  const tb = b.timestamp ? Date.parse(b.timestamp) : Number.NaN;
  if (!Number.isNaN(ta) && !Number.isNaN(tb) && ta !== tb) return ta > tb;
  return a.order > b.order;
}

function verdictOf(statement: VexStatement): VexVerdict {
  const verdict: VexVerdict = { status: statement.status, document: statement.document };
  if (statement.justification) verdict.justification = statement.justification;
  if (statement.impactStatement) verdict.impactStatement = statement.impactStatement;
  if (statement.actionStatement) verdict.actionStatement = statement.actionStatement;
  return verdict;
}

/**
 * Applies VEX statements to findings: the latest statement naming the finding's vulnerability (by id or
 * alias) and its package decides. `not_affected` and `fixed` suppress the finding, keeping the statement;
 * `affected` and `under_investigation` keep it visible with the statement attached.
 */
export function applyVex(
  findings: readonly Finding[],
  packages: ReadonlyMap<string, Package>,
  statements: readonly VexStatement[],
  image: ImageIdentity,
): Finding[] {
  if (statements.length === 0) return [...findings];
  return findings.map((finding) => {
    const pkg = packages.get(finding.packageId);
    if (!pkg) return finding;
    const ids = new Set([finding.id, ...finding.aliases].map((id) => id.toUpperCase()));
    let chosen: VexStatement | undefined;
    for (const statement of statements) {
      if (!statement.vulnerabilities.some((v) => ids.has(v)) || !applies(statement, pkg, image)) continue;
      if (!chosen || later(statement, chosen)) chosen = statement;
    }
    if (!chosen) return finding;
    const suppressed = chosen.status === 'not_affected' || chosen.status === 'fixed';
    return { ...finding, vex: verdictOf(chosen), suppressed };
  });
}
