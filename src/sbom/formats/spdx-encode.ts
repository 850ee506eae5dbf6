import { createHash } from 'node:crypto';
import { VERSION } from '../../core/version.js';
import type { Package, Sbom } from '../types.js';
import { licenseExpression, licenseRef } from './licenses.js';

interface SpdxPackage {
  SPDXID: string;
  name: string;
  versionInfo?: string;
  downloadLocation: 'NOASSERTION';
  filesAnalyzed: false;
  licenseConcluded: 'NOASSERTION';
  licenseDeclared: string;
  copyrightText: 'NOASSERTION';
  primaryPackagePurpose?: string;
  sourceInfo?: string;
  comment?: string;
  externalRefs?: { referenceCategory: string; referenceType: string; referenceLocator: string }[];
  annotations?: { annotationDate: string; annotationType: 'OTHER'; annotator: string; comment: string }[];
}

const annotator = `Tool: crowsnest-${VERSION}`;

function spdxId(kind: string, key: string): string {
  return `SPDXRef-${kind}-${key.replace(/[^A-Za-z0-9.-]/g, '-')}`;
}

function declaredLicense(pkg: Package, extracted: Map<string, string>): string {
  const expression = licenseExpression(pkg.licenses);
  if (expression.valid) return expression.text;
  if (pkg.licenses.length === 0) return 'NOASSERTION';
  const refs = pkg.licenses.map((name) => {
    const ref = licenseRef(name);
    extracted.set(ref, name);
    return ref;
  });
  return refs.join(' AND ');
}

function spdxPackage(pkg: Package, created: string, extracted: Map<string, string>): SpdxPackage {
  const evidence = pkg.locations.map((l) => l.path).join(', ');
  // crowsnest's own fields ride in one annotation, so its SPDX documents read back with layers and evidence
  const detail = JSON.stringify({
    type: pkg.type,
    layer: pkg.layer,
    foundBy: pkg.foundBy,
    locations: pkg.locations,
    source: pkg.source,
  });
  return {
    SPDXID: spdxId('Package', `${pkg.type}-${pkg.name}-${pkg.id}`),
    name: pkg.name,
    versionInfo: pkg.version,
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: declaredLicense(pkg, extracted),
    copyrightText: 'NOASSERTION',
    ...(evidence ? { sourceInfo: `acquired package info from ${evidence}` } : {}),
    externalRefs: [
      { referenceCategory: 'PACKAGE-MANAGER', referenceType: 'purl', referenceLocator: pkg.purl },
    ],
    annotations: [
      { annotationDate: created, annotationType: 'OTHER', annotator, comment: `crowsnest:${detail}` },
    ],
  };
}

/** SPDX 2.3 JSON: the image as the described package, containing every package found. */
export function encodeSpdx(sbom: Sbom): string {
  const created = sbom.createdAt.replace(/\.\d+Z$/, 'Z');
  const name = sbom.source.reference ?? sbom.source.location;
  const extracted = new Map<string, string>();
  const packages = sbom.packages.map((pkg) => spdxPackage(pkg, created, extracted));
  const imageId = 'SPDXRef-Image';
  const image: SpdxPackage = {
    SPDXID: imageId,
    name,
    ...(sbom.source.manifestDigest ? { versionInfo: sbom.source.manifestDigest } : {}),
    downloadLocation: 'NOASSERTION',
    filesAnalyzed: false,
    licenseConcluded: 'NOASSERTION',
    licenseDeclared: 'NOASSERTION',
    copyrightText: 'NOASSERTION',
    primaryPackagePurpose: 'CONTAINER',
  };
  const namespaceKey = createHash('sha256')
    .update(`${name}\u0000${sbom.createdAt}`)
    .digest('hex')
    .slice(0, 32);
  const document = {
    spdxVersion: 'SPDX-2.3',
    dataLicense: 'CC0-1.0',
    SPDXID: 'SPDXRef-DOCUMENT',
    name,
    documentNamespace: `https://crowsnest.invalid/spdx/${encodeURIComponent(name)}-${namespaceKey}`,
    creationInfo: { created, creators: [annotator] },
    packages: [image, ...packages],
    ...(extracted.size
      ? {
          hasExtractedLicensingInfos: [...extracted].map(([licenseId, text]) => ({
            licenseId,
            extractedText: text,
            name: text,
          })),
        }
      : {}),
    relationships: [
      { spdxElementId: 'SPDXRef-DOCUMENT', relationshipType: 'DESCRIBES', relatedSpdxElement: imageId },
      ...packages.map((p) => ({
        spdxElementId: imageId,
        relationshipType: 'CONTAINS',
        relatedSpdxElement: p.SPDXID,
      })),
    ],
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
