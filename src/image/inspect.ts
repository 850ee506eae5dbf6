import type { Digest } from '../core/digest.js';
import type { FileTree } from '../fs/types.js';
import { formatPlatform, type Image } from './types.js';

export interface InspectLayer {
  index: number;
  digest: Digest;
  diffId: Digest;
  mediaType: string;
  size: number;
  uncompressedSize: number;
  created?: string;
  createdBy?: string;
  added: number;
  changed: number;
  removed: number;
}

/** What `crowsnest inspect` shows: plain, serialisable data. */
export interface InspectReport {
  source: { kind: string; location: string };
  reference?: string;
  manifestDigest?: Digest;
  indexDigest?: Digest;
  configDigest?: Digest;
  platforms?: string[];
  platform: string;
  os: string;
  architecture: string;
  variant?: string;
  created?: string;
  user?: string;
  entrypoint?: string[];
  cmd?: string[];
  workingDir?: string;
  env: string[];
  labels: Record<string, string>;
  files: number;
  layers: InspectLayer[];
  warnings: string[];
}

export function inspectImage(image: Image, tree: FileTree): InspectReport {
  const cfg = image.config.config ?? {};
  const layers = image.layers.map((layer): InspectLayer => {
    const summary = tree.layers[layer.index];
    return {
      index: layer.index,
      digest: layer.digest,
      diffId: layer.diffId,
      mediaType: layer.mediaType,
      size: layer.size,
      uncompressedSize: summary?.uncompressedBytes ?? 0,
      ...(layer.history?.created ? { created: layer.history.created } : {}),
      ...(layer.history?.created_by ? { createdBy: layer.history.created_by } : {}),
      added: summary?.added ?? 0,
      changed: summary?.changed ?? 0,
      removed: summary?.removed ?? 0,
    };
  });
  return {
    source: { kind: image.source.kind, location: image.source.location },
    ...(image.source.reference ? { reference: image.source.reference } : {}),
    ...(image.manifestDigest ? { manifestDigest: image.manifestDigest } : {}),
    ...(image.indexDigest ? { indexDigest: image.indexDigest } : {}),
    ...(image.configDigest ? { configDigest: image.configDigest } : {}),
    ...(image.platforms ? { platforms: image.platforms.map(formatPlatform) } : {}),
    platform: formatPlatform(image.platform),
    os: image.platform.os,
    architecture: image.platform.architecture,
    ...(image.platform.variant ? { variant: image.platform.variant } : {}),
    ...(image.config.created ? { created: image.config.created } : {}),
    ...(cfg.User ? { user: cfg.User } : {}),
    ...(cfg.Entrypoint ? { entrypoint: cfg.Entrypoint } : {}),
    ...(cfg.Cmd ? { cmd: cfg.Cmd } : {}),
    ...(cfg.WorkingDir ? { workingDir: cfg.WorkingDir } : {}),
    env: cfg.Env ?? [],
    labels: cfg.Labels ?? {},
    files: tree.size,
    layers,
    warnings: [...tree.warnings],
  };
}
