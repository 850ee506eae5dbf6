import { readFile } from 'node:fs/promises';
import { AppError } from '../../core/errors.js';
import type { Sbom } from '../types.js';
import { decodeCycloneDx, decodeSpdx } from './foreign-decode.js';
import { decodeNative, isNativeSbom } from './native.js';

/** Reads an SBOM file (sbom://): crowsnest's native JSON, CycloneDX JSON or SPDX 2.x JSON, by content. */
export async function readSbomFile(file: string): Promise<Sbom> {
  const bytes = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new AppError('E_INPUT_NOT_FOUND', `cannot read SBOM ${file}: ${error.code ?? error.message}`, {
      hint: 'sbom:// takes a CycloneDX, SPDX or crowsnest JSON file',
    });
  });
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new AppError('E_SBOM_INVALID', 'SBOM is not valid JSON', {
      where: file,
      hint: 'only JSON SBOMs are read',
    });
  }
  return decodeSbom(json, file);
}

export function decodeSbom(json: unknown, where: string): Sbom {
  if (isNativeSbom(json)) return decodeNative(json, where);
  const doc = (json ?? {}) as Record<string, unknown>;
  if (doc.bomFormat === 'CycloneDX') return decodeCycloneDx(doc, where);
  if (typeof doc.spdxVersion === 'string') return decodeSpdx(doc, where);
  throw new AppError('E_SBOM_INVALID', 'unrecognised SBOM format', {
    where,
    hint: 'expected CycloneDX JSON (bomFormat), SPDX JSON (spdxVersion) or a crowsnest SBOM (schema)',
  });
}
