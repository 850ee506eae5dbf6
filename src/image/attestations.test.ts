import { describe, expect, it } from 'vitest';
import { type Digest, sha256 } from '../core/digest.js';
import { type AttestationReader, findAttestations, layoutReferrers } from './attestations.js';
import { parseManifestDocument } from './manifest.js';
import type { Descriptor } from './types.js';

const blobs = new Map<string, Buffer>();
function put(value: unknown, mediaType: string, extra: Partial<Descriptor> = {}): Descriptor {
  const bytes = Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
  const digest = sha256(bytes);
  blobs.set(digest, bytes);
  return { mediaType, digest, size: bytes.length, ...extra };
}
const manifestType = 'application/vnd.oci.image.manifest.v1+json';
const config = put({}, 'application/vnd.oci.empty.v1+json');
const manifest = (layers: Descriptor[], subject?: Descriptor) =>
  put(
    { schemaVersion: 2, mediaType: manifestType, config, layers, ...(subject ? { subject } : {}) },
    manifestType,
  );

const reader: AttestationReader = {
  manifest: async (d) => parseManifestDocument(blobs.get(d.digest)!, d.mediaType, 'test'),
  blob: async (d) => {
    const bytes = blobs.get(d.digest);
    if (!bytes) throw new Error(`blob ${d.digest} is missing`);
    return bytes;
  },
  maxBytes: 1000,
};

const image = manifest([put('layer', 'application/vnd.oci.image.layer.v1.tar+gzip')]);
const other = manifest([put('other', 'application/vnd.oci.image.layer.v1.tar')]);
const statement = put({ _type: 'https://in-toto.io/Statement/v1' }, 'application/vnd.in-toto+json');
const attestationFor = (target: Digest, layers: Descriptor[]) => ({
  ...manifest(layers),
  platform: { os: 'unknown', architecture: 'unknown' },
  annotations: { 'vnd.docker.reference.type': 'attestation-manifest', 'vnd.docker.reference.digest': target },
});

describe('findAttestations', () => {
  it('reads the attestation manifest of this image only, and referrers whose subject is this image', async () => {
    const huge = { mediaType: 'application/spdx+json', digest: sha256('huge'), size: 5000 };
    const missing = { mediaType: 'application/vnd.in-toto+json', digest: sha256('gone'), size: 10 };
    const siblings = [
      image,
      other,
      attestationFor(image.digest, [statement, huge, missing]),
      attestationFor(other.digest, [statement]),
    ];
    const referrers = [manifest([statement], image), manifest([statement], other), manifest([statement])];
    const found = await findAttestations(reader, image.digest, siblings, referrers);
    expect(found.map((a) => [a.via, a.descriptor.digest, a.content?.length ?? a.error])).toEqual([
      ['attestation-manifest', statement.digest, statement.size],
      ['attestation-manifest', huge.digest, '5000 bytes, over the 1000-byte limit'],
      ['attestation-manifest', missing.digest, `blob ${missing.digest} is missing`],
      ['referrer', statement.digest, statement.size],
    ]);
  });

  it('an unreadable carrier is reported, not thrown', async () => {
    const ghost = { ...attestationFor(image.digest, []), digest: sha256('no such manifest') };
    const found = await findAttestations(reader, image.digest, [ghost], []);
    expect(found).toHaveLength(1);
    expect(found[0]?.error).toBeDefined();
  });

  it('finds referrer candidates in a layout index: nameless manifests and the sha256-<hex> tag index', async () => {
    const a = manifest([statement], image);
    const b = manifest([put({ bomFormat: 'CycloneDX' }, 'application/vnd.cyclonedx+json')], image);
    const tagIndex = put(
      { schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [b] },
      'application/vnd.oci.image.index.v1+json',
      {
        annotations: { 'org.opencontainers.image.ref.name': `sha256-${image.digest.slice(7)}` },
      },
    );
    const named = { ...image, annotations: { 'org.opencontainers.image.ref.name': 'app' } };
    const candidates = await layoutReferrers(reader, [named, a, tagIndex], image.digest);
    expect(candidates.map((d) => d.digest).sort()).toEqual([a.digest, b.digest].sort());
  });
});
