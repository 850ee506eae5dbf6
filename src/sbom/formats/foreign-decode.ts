import { createHash } from 'node:crypto';
import { parsePurl } from '../../core/purl.js';
import { VERSION } from '../../core/version.js';
import type { Location, Package, Sbom, Unknown } from '../types.js';
import { cdxProperty } from './cyclonedx-encode.js';
import { nameFromPurl, packageTypeOfPurl } from './package-types.js';

interface Candidate {
  name?: string;
  version?: string;
  purl?: string;
  licenses: string[];
  detail?: Partial<Pick<Package, 'layer' | 'foundBy' | 'locations' | 'source'>>;
}

function toPackage(candidate: Candidate, foundBy: string, unknowns: Unknown[]): Package | undefined {
  const purl = candidate.purl ? parsePurl(candidate.purl) : undefined;
  const type = purl ? packageTypeOfPurl(purl.type) : undefined;
  if (!purl || !type) {
    if (candidate.purl || candidate.name) {
      unknowns.push({
        path: '/',
        layer: 0,
        cataloger: foundBy,
        reason: `skipped ${candidate.name ?? '?'}: ${purl ? `package type "${purl.type}" is not supported` : 'no package URL'}`,
      });
    }
    return undefined;
  }
  const name = nameFromPurl(type, purl.namespace, purl.name);
  const version = candidate.version ?? purl.version ?? '';
  const locations: Location[] = candidate.detail?.locations ?? [];
  const key = `${candidate.purl}\u0000${locations[0]?.path ?? ''}`;
  return {
    id: createHash('sha256').update(key).digest('hex').slice(0, 16),
    type,
    name,
    version,
    purl: candidate.purl!,
    licenses: candidate.licenses,
    locations,
    layer: candidate.detail?.layer ?? 0,
    ...(candidate.detail?.source ? { source: candidate.detail.source } : {}),
    foundBy: candidate.detail?.foundBy ?? foundBy,
  };
}

function emptySbom(kind: string, location: string): Sbom {
  return {
    schema: 'crowsnest-sbom/1',
    createdAt: new Date().toISOString(),
    tool: { name: 'crowsnest', version: VERSION },
    source: { kind, location, layers: [] },
    packages: [],
    unknowns: [],
    catalogers: [],
  };
}

type Json = Record<string, unknown>;
const arr = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function cdxDetail(component: Json): Candidate['detail'] {
  const props = arr(component.properties);
  const get = (name: string) => props.filter((p) => p.name === name).map((p) => str(p.value) ?? '');
  const layer = get(cdxProperty.layer)[0];
  const locations = get(cdxProperty.location).map((text) => {
    const at = text.indexOf(':');
    return { layer: Number(text.slice(0, at)), path: text.slice(at + 1) };
  });
  const sourceName = get(cdxProperty.sourceName)[0];
  const sourceVersion = get(cdxProperty.sourceVersion)[0];
  return {
    ...(layer !== undefined ? { layer: Number(layer) } : {}),
    ...(get(cdxProperty.foundBy)[0] ? { foundBy: get(cdxProperty.foundBy)[0]! } : {}),
    ...(locations.length ? { locations } : {}),
    ...(sourceName
      ? { source: { name: sourceName, ...(sourceVersion ? { version: sourceVersion } : {}) } }
      : {}),
  };
}

function cdxLicenses(component: Json): string[] {
  return arr(component.licenses).flatMap((entry) => {
    const license = (entry.license ?? {}) as Json;
    return [str(entry.expression), str(license.id), str(license.name)].filter((v): v is string => Boolean(v));
  });
}

function flattenComponents(components: Json[]): Json[] {
  return components.flatMap((c) => [c, ...flattenComponents(arr(c.components))]);
}

/** Packages of a CycloneDX JSON BOM (any 1.x), nested components included. */
export function decodeCycloneDx(json: Json, location: string): Sbom {
  const sbom = emptySbom('sbom', location);
  const metadata = (json.metadata ?? {}) as Json;
  const subject = (metadata.component ?? {}) as Json;
  if (str(subject.name)) sbom.source.reference = str(subject.name)!;
  for (const component of flattenComponents(arr(json.components))) {
    const pkg = toPackage(
      {
        name: str(component.name),
        version: str(component.version),
        purl: str(component.purl),
        licenses: cdxLicenses(component),
        detail: cdxDetail(component),
      },
      'cyclonedx',
      sbom.unknowns,
    );
    if (pkg) sbom.packages.push(pkg);
  }
  return sbom;
}

function spdxDetail(pkg: Json): Candidate['detail'] {
  const note = arr(pkg.annotations)
    .map((a) => str(a.comment) ?? '')
    .find((c) => c.startsWith('crowsnest:'));
  if (!note) return undefined;
  try {
    return JSON.parse(note.slice('crowsnest:'.length)) as Candidate['detail'];
  } catch {
    return undefined;
  }
}

/** Packages of an SPDX 2.x JSON document (their purl external references). */
export function decodeSpdx(json: Json, location: string): Sbom {
  const sbom = emptySbom('sbom', location);
  if (str(json.name)) sbom.source.reference = str(json.name)!;
  for (const pkg of arr(json.packages)) {
    if (pkg.primaryPackagePurpose === 'CONTAINER' || pkg.primaryPackagePurpose === 'OPERATING-SYSTEM')
      continue;
    const purl = arr(pkg.externalRefs).find((r) => r.referenceType === 'purl');
    const declared = str(pkg.licenseDeclared);
    const decoded = toPackage(
      {
        name: str(pkg.name),
        version: str(pkg.versionInfo),
        purl: str(purl?.referenceLocator),
        licenses: declared && declared !== 'NOASSERTION' && declared !== 'NONE' ? [declared] : [],
        detail: spdxDetail(pkg),
      },
      'spdx',
      sbom.unknowns,
    );
    if (decoded) sbom.packages.push(decoded);
  }
  return sbom;
}
