import { resolve } from 'node:path';
import { AppError } from '../core/errors.js';

export type InputKind = 'registry' | 'docker-archive' | 'oci-layout' | 'oci-archive' | 'directory' | 'sbom';

export interface ImageInput {
  kind: InputKind;
  /** A reference for registry inputs; an absolute path for the rest. */
  location: string;
  /** The text the user wrote. */
  original: string;
}

/** Docker Scout's input prefixes; a bare argument is a registry reference. */
const prefixes: Record<string, InputKind> = {
  'registry://': 'registry',
  'archive://': 'docker-archive',
  'oci-dir://': 'oci-layout',
  'oci-archive://': 'oci-archive',
  'fs://': 'directory',
  'sbom://': 'sbom',
};

const engineOnly = ['image://', 'local://', 'docker://'];

export function parseInput(text: string, cwd: string = process.cwd()): ImageInput {
  const original = text;
  const trimmed = text.trim();
  if (trimmed === '')
    throw new AppError('E_USAGE', 'no image given', { hint: 'pass a reference or a prefixed input' });
  for (const [prefix, kind] of Object.entries(prefixes)) {
    if (!trimmed.startsWith(prefix)) continue;
    const rest = trimmed.slice(prefix.length);
    if (rest === '')
      throw new AppError('E_USAGE', `${prefix} needs a ${kind === 'registry' ? 'reference' : 'path'}`);
    return { kind, location: kind === 'registry' ? rest : resolve(cwd, rest), original };
  }
  const engine = engineOnly.find((prefix) => trimmed.startsWith(prefix));
  if (engine) {
    throw new AppError('E_USAGE', `${engine} reads from a Docker engine, which crowsnest does not use`, {
      hint: 'use registry://REF, or docker save the image and pass archive://FILE',
    });
  }
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(trimmed);
  if (scheme) {
    throw new AppError('E_USAGE', `unknown input prefix "${scheme[1]}://"`, {
      hint: `use one of ${Object.keys(prefixes).join(' ')} or a bare image reference`,
    });
  }
  if (/^(\.{0,2}\/|~\/)/.test(trimmed) || /\.(tar|tar\.gz|tgz|json)$/.test(trimmed)) {
    throw new AppError('E_USAGE', `"${trimmed}" looks like a path, not an image reference`, {
      hint: 'prefix it: archive:// (docker save), oci-archive://, oci-dir://, fs:// or sbom://',
    });
  }
  return { kind: 'registry', location: trimmed, original };
}
