import type { NameAndVersion } from './parse-file-name.js';
import { type Manifest, manifestValue } from './parse-manifest.js';
import type { PomProperties } from './parse-pom-properties.js';

export type JavaEvidence = 'pom.properties' | 'manifest' | 'file-name';

/** What one archive says it is: Maven coordinates and where they came from. */
export interface JavaIdentity {
  /** Empty when nothing says (then the purl has no namespace). */
  groupId: string;
  artifactId: string;
  version: string;
  evidence: JavaEvidence;
  /** The entry the coordinates were read from (`META-INF/maven/.../pom.properties`, `META-INF/MANIFEST.MF`). */
  entry?: string;
  /** Declared licence text from `Bundle-License`, when there is one. */
  license?: string;
}

export function fromPom(pom: PomProperties, entry: string, manifest?: Manifest): JavaIdentity {
  const license = manifest && licenseOf(manifest);
  return { ...pom, evidence: 'pom.properties', entry, ...(license ? { license } : {}) };
}

const symbolicName = (manifest: Manifest): string | undefined =>
  manifestValue(manifest, 'Bundle-SymbolicName')?.split(';')[0]?.trim() || undefined;

function licenseOf(manifest: Manifest): string | undefined {
  return manifestValue(manifest, 'Bundle-License')?.split(';')[0]?.trim() || undefined;
}

/**
 * The manifest fallback, for archives without pom.properties; undefined when the manifest has no version
 * (then the file name decides). The version is Implementation-Version, else Bundle-Version, else
 * Specification-Version. The name is the file name's (Maven and
 * Debian name jars after the artifactId), else Bundle-SymbolicName, Implementation-Title, Specification-Title.
 * The groupId is Implementation-Vendor-Id (Maven's archiver writes the groupId there), else the
 * Bundle-SymbolicName minus a trailing `.<name>` (`org.tukaani.xz` for `xz` gives `org.tukaani`).
 */
export function fromManifest(
  manifest: Manifest,
  file: NameAndVersion | undefined,
  entry: string,
): JavaIdentity | undefined {
  const version =
    manifestValue(manifest, 'Implementation-Version') ??
    manifestValue(manifest, 'Bundle-Version') ??
    manifestValue(manifest, 'Specification-Version');
  const bsn = symbolicName(manifest);
  const artifactId =
    file?.name ??
    bsn ??
    manifestValue(manifest, 'Implementation-Title') ??
    manifestValue(manifest, 'Specification-Title');
  if (!version || !artifactId) return undefined;
  const suffix = `.${artifactId}`;
  const groupId =
    manifestValue(manifest, 'Implementation-Vendor-Id') ??
    (bsn?.endsWith(suffix) && bsn.length > suffix.length ? bsn.slice(0, -suffix.length) : '');
  const license = licenseOf(manifest);
  return { groupId, artifactId, version, evidence: 'manifest', entry, ...(license ? { license } : {}) };
}

export function fromFileName(file: NameAndVersion | undefined): JavaIdentity | undefined {
  if (!file?.version) return undefined;
  return { groupId: '', artifactId: file.name, version: file.version, evidence: 'file-name' };
}
