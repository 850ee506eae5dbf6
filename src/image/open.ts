import { AppError } from '../core/errors.js';
import type { Limits } from '../core/limits.js';
import { resolveLimits } from '../core/limits.js';
import { readDirectoryTree } from '../fs/read-directory-tree.js';
import { type ReadTreeOptions, readImageTree } from '../fs/read-image-tree.js';
import type { FileTree } from '../fs/types.js';
import { RegistryClient } from '../registry/client.js';
import type { ImageInput } from './input.js';
import { hostPlatform } from './platform.js';
import { parseReference } from './reference.js';
import { openDockerArchive } from './sources/docker-archive.js';
import { openOciArchive, openOciLayout } from './sources/oci-layout.js';
import { openRegistryImage } from './sources/registry.js';
import type { Image, Platform } from './types.js';

export interface OpenImageOptions {
  platform?: Platform;
  /** The image to take from an archive or layout holding several. */
  ref?: string;
  limits?: Partial<Limits>;
  /** Registries that may be reached over plain HTTP besides loopback ones. */
  insecureRegistries?: string[];
}

/** Opens any input as an Image: metadata now, layers on demand. */
export async function openImage(input: ImageInput, options: OpenImageOptions = {}): Promise<Image> {
  const limits = resolveLimits(options.limits);
  const resolve = { limits, ...(options.platform ? { platform: options.platform } : {}) };
  const ref = options.ref !== undefined ? { ref: options.ref } : {};
  switch (input.kind) {
    case 'oci-layout':
      return openOciLayout(input.location, { ...resolve, ...ref });
    case 'oci-archive':
      return openOciArchive(input.location, { ...resolve, ...ref });
    case 'docker-archive':
      return openDockerArchive(input.location, { ...resolve, ...ref });
    case 'directory':
      return directoryImage(input.location);
    case 'registry':
      return openRegistryInput(input, options, limits);
    case 'sbom':
      throw new AppError('E_USAGE', 'an SBOM has no layers to read', {
        hint: 'use sbom:// with the sbom or cves commands',
      });
  }
}

async function openRegistryInput(
  input: ImageInput,
  options: OpenImageOptions,
  limits: Limits,
): Promise<Image> {
  const client = new RegistryClient({ limits, insecureRegistries: options.insecureRegistries ?? [] });
  return openRegistryImage(parseReference(input.location), {
    client,
    limits,
    ...(options.platform ? { platform: options.platform } : {}),
  });
}

function directoryImage(dir: string): Image {
  return {
    source: { kind: 'directory', location: dir },
    config: { ...hostPlatform(), rootfs: { type: 'layers', diff_ids: [] } },
    platform: hostPlatform(),
    layers: [],
    openLayer: async () => {
      throw new AppError('E_INTERNAL', 'a directory has no layers');
    },
    close: async () => {},
  };
}

/** The squashed filesystem of an opened image (or directory). */
export function readTree(image: Image, options: ReadTreeOptions = {}): Promise<FileTree> {
  if (image.source.kind === 'directory') return readDirectoryTree(image.source.location, options.limits);
  return readImageTree(image, options);
}
