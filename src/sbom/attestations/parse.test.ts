import { describe, expect, it } from 'vitest';
import { parseAttachedDocument } from './parse.js';

const spdx = {
  spdxVersion: 'SPDX-2.3',
  SPDXID: 'SPDXRef-DOCUMENT',
  name: 'x',
  packages: [
    { name: 'image', SPDXID: 'SPDXRef-image', primaryPackagePurpose: 'CONTAINER' },
    {
      name: 'typescript',
      SPDXID: 'SPDXRef-ts',
      versionInfo: '5.4.5',
      externalRefs: [
        {
          referenceCategory: 'PACKAGE-MANAGER',
          referenceType: 'purl',
          referenceLocator: 'pkg:npm/typescript@5.4.5',
        },
      ],
    },
  ],
};
const cdx = {
  bomFormat: 'CycloneDX',
  specVersion: '1.6',
  components: [{ type: 'library', name: 'serde', version: '1.0.1', purl: 'pkg:cargo/serde@1.0.1' }],
};
const statement = (predicateType: string, predicate: unknown) => ({
  _type: 'https://in-toto.io/Statement/v0.1',
  subject: [{ name: 'x', digest: { sha256: 'a'.repeat(64) } }],
  predicateType,
  predicate,
});
const bytes = (value: unknown) => Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));
const envelope = (value: unknown) => ({
  payloadType: 'application/vnd.in-toto+json',
  payload: bytes(value).toString('base64'),
  signatures: [{ sig: 'c2ln' }],
});

describe('attached documents', () => {
  it('an SPDX statement gives its packages (container entries skipped)', () => {
    const parsed = parseAttachedDocument(bytes(statement('https://spdx.dev/Document', spdx)), 'test');
    expect(parsed.kind === 'sbom' && parsed.packages.map((p) => p.purl)).toEqual([
      'pkg:npm/typescript@5.4.5',
    ]);
  });

  it('a CycloneDX statement, a bare CycloneDX BOM and a DSSE-wrapped statement all give packages', () => {
    for (const document of [
      statement('https://cyclonedx.org/bom/v1.6', cdx),
      cdx,
      envelope(statement('https://cyclonedx.org/bom', cdx)),
    ]) {
      const parsed = parseAttachedDocument(bytes(document), 'test');
      expect(parsed).toMatchObject({ kind: 'sbom', format: 'cyclonedx' });
      expect(parsed.kind === 'sbom' && parsed.packages.map((p) => p.name)).toEqual(['serde']);
    }
  });

  it('a provenance statement gives base images; other predicates are ignored', () => {
    const provenance = statement('https://slsa.dev/provenance/v0.2', {
      materials: [{ uri: 'pkg:docker/debian@bookworm', digest: { sha256: 'b'.repeat(64) } }],
    });
    expect(parseAttachedDocument(bytes(provenance), 'test')).toEqual({
      kind: 'provenance',
      predicateType: 'https://slsa.dev/provenance/v0.2',
      baseImages: [`debian:bookworm@sha256:${'b'.repeat(64)}`],
    });
    const vuln = statement('https://cosign.sigstore.dev/attestation/vuln/v1', { scanner: {} });
    expect(parseAttachedDocument(bytes(vuln), 'test')).toMatchObject({ kind: 'ignored' });
  });

  it.each([
    ['not JSON', '{"_type": ', /not JSON/],
    ['an array', '[1,2]', /not a JSON object/],
    ['an envelope with a bad payload', { payloadType: 'x', payload: '!!!' }, /payload/],
    [
      'a statement without predicate',
      { _type: 'https://in-toto.io/Statement/v1', predicateType: 'https://spdx.dev/Document' },
      /no predicate/,
    ],
    [
      'an SPDX statement whose predicate is no SBOM',
      statement('https://spdx.dev/Document', { hello: 1 }),
      /not an SBOM/,
    ],
  ])('%s is invalid, with a reason', (_name, document, reason) => {
    const parsed = parseAttachedDocument(bytes(document), 'test');
    expect(parsed.kind).toBe('invalid');
    expect(parsed.kind === 'invalid' && parsed.reason).toMatch(reason);
  });
});
