import { decodeCycloneDx, decodeSpdx } from '../formats/foreign-decode.js';
import type { Package } from '../types.js';
import { baseImagesOf, provenanceTypes } from './provenance.js';

/*
 * One attached document → what crowsnest keeps of it. Documents come as in-toto statements
 * (`{_type: https://in-toto.io/Statement/v0.1|v1, subject, predicateType, predicate}`), possibly inside a DSSE
 * envelope (`{payloadType, payload: base64, signatures}`; signatures are not verified here), or as a bare SBOM
 * (an OCI referrer with artifactType application/spdx+json or application/vnd.cyclonedx+json).
 */

export type ParsedDocument =
  | { kind: 'sbom'; format: 'spdx' | 'cyclonedx'; packages: Package[] }
  | { kind: 'provenance'; predicateType: string; baseImages: string[] }
  /** A statement of a kind crowsnest does not use (vulnerability scans, test results, ...). */
  | { kind: 'ignored'; what: string }
  | { kind: 'invalid'; reason: string };

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isSpdxType = (t: string) =>
  t === 'https://spdx.dev/Document' || t.startsWith('https://spdx.dev/Document/');
const isCycloneDxType = (t: string) =>
  t === 'https://cyclonedx.org/bom' || t.startsWith('https://cyclonedx.org/bom/');

function sbomOf(json: Json, where: string): ParsedDocument | undefined {
  if (typeof json.spdxVersion === 'string')
    return { kind: 'sbom', format: 'spdx', packages: decodeSpdx(json, where).packages };
  if (json.bomFormat === 'CycloneDX')
    return { kind: 'sbom', format: 'cyclonedx', packages: decodeCycloneDx(json, where).packages };
  return undefined;
}

function statementOf(json: Json, where: string): ParsedDocument {
  const predicateType = typeof json.predicateType === 'string' ? json.predicateType : '';
  const predicate = json.predicate;
  if (!isObject(predicate))
    return { kind: 'invalid', reason: `in-toto statement ${predicateType} has no predicate` };
  if (isSpdxType(predicateType) || isCycloneDxType(predicateType)) {
    return (
      sbomOf(predicate, where) ?? { kind: 'invalid', reason: `${predicateType} predicate is not an SBOM` }
    );
  }
  if (provenanceTypes.includes(predicateType))
    return { kind: 'provenance', predicateType, baseImages: baseImagesOf(predicate) };
  return { kind: 'ignored', what: predicateType || 'statement without predicateType' };
}

/** A DSSE envelope's payload, decoded; undefined when `json` is no envelope. */
function envelopePayload(json: Json): unknown {
  if (typeof json.payloadType !== 'string' || typeof json.payload !== 'string') return undefined;
  try {
    return JSON.parse(Buffer.from(json.payload, 'base64').toString('utf8'));
  } catch {
    return null;
  }
}

/** Parses one attached document; never throws (a bad document is `invalid` with a reason). */
export function parseAttachedDocument(content: Buffer, where: string): ParsedDocument {
  let json: unknown;
  try {
    json = JSON.parse(content.toString('utf8'));
  } catch (error) {
    return { kind: 'invalid', reason: `not JSON: ${(error as Error).message}` };
  }
  if (!isObject(json)) return { kind: 'invalid', reason: 'not a JSON object' };
  const payload = envelopePayload(json);
  if (payload === null) return { kind: 'invalid', reason: 'DSSE envelope payload is not base64 JSON' };
  const document = payload === undefined ? json : payload;
  if (!isObject(document)) return { kind: 'invalid', reason: 'DSSE envelope payload is not a JSON object' };
  try {
    if (typeof document._type === 'string' && document._type.startsWith('https://in-toto.io/Statement/'))
      return statementOf(document, where);
    return (
      sbomOf(document, where) ?? {
        kind: 'ignored',
        what: 'JSON that is neither an in-toto statement nor an SBOM',
      }
    );
  } catch (error) {
    return { kind: 'invalid', reason: (error as Error).message.split('\n')[0]! };
  }
}
