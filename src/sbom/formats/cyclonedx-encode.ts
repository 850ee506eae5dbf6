import { Enums, Models, Serialize, Spec } from '@cyclonedx/cyclonedx-library';
import { VERSION } from '../../core/version.js';
import type { Package, Sbom } from '../types.js';
import { licenseExpression } from './licenses.js';

/** Property names crowsnest writes into CycloneDX so its own SBOMs read back with layers and evidence. */
export const cdxProperty = {
  layer: 'crowsnest:layer',
  location: 'crowsnest:location',
  foundBy: 'crowsnest:found-by',
  sourceName: 'crowsnest:source-name',
  sourceVersion: 'crowsnest:source-version',
  type: 'crowsnest:package-type',
  layerDiffId: 'crowsnest:layer-diff-id',
} as const;

/** One package as a CycloneDX component, crowsnest's own fields in properties (reports reuse it). */
export function cdxComponent(pkg: Package): Models.Component {
  const licenses = new Models.LicenseRepository();
  const expression = licenseExpression(pkg.licenses);
  if (expression.valid) licenses.add(new Models.LicenseExpression(expression.text));
  else for (const name of pkg.licenses) licenses.add(new Models.NamedLicense(name));
  const properties = new Models.PropertyRepository([
    new Models.Property(cdxProperty.type, pkg.type),
    new Models.Property(cdxProperty.layer, String(pkg.layer)),
    new Models.Property(cdxProperty.foundBy, pkg.foundBy),
    ...pkg.locations.map((l) => new Models.Property(cdxProperty.location, `${l.layer}:${l.path}`)),
    ...(pkg.source ? [new Models.Property(cdxProperty.sourceName, pkg.source.name)] : []),
    ...(pkg.source?.version ? [new Models.Property(cdxProperty.sourceVersion, pkg.source.version)] : []),
  ]);
  return new Models.Component(Enums.ComponentType.Library, pkg.name, {
    bomRef: `pkg:${pkg.id}`,
    version: pkg.version,
    purl: pkg.purl,
    licenses,
    properties,
  });
}

/** CycloneDX 1.6 JSON, built with the official CycloneDX library. */
export function encodeCycloneDx(sbom: Sbom): string {
  const image = new Models.Component(
    Enums.ComponentType.Container,
    sbom.source.reference ?? sbom.source.location,
    {
      bomRef: 'image',
      ...(sbom.source.manifestDigest ? { version: sbom.source.manifestDigest } : {}),
      properties: new Models.PropertyRepository(
        sbom.source.layers.map((l) => new Models.Property(cdxProperty.layerDiffId, `${l.index}:${l.diffId}`)),
      ),
    },
  );
  const tools = new Models.Tools({
    components: new Models.ComponentRepository([
      new Models.Component(Enums.ComponentType.Application, 'crowsnest', { version: VERSION }),
    ]),
  });
  const bom = new Models.Bom({
    metadata: new Models.Metadata({ timestamp: new Date(sbom.createdAt), component: image, tools }),
  });
  const components = sbom.packages.map(cdxComponent);
  for (const c of components) bom.components.add(c);
  image.dependencies = new Models.BomRefRepository(components.map((c) => c.bomRef));
  const serializer = new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return serializer.serialize(bom, { sortLists: true, space: 2 });
}
