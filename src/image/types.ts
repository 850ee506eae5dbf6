import type { Readable } from 'node:stream';
import type { Digest } from '../core/digest.js';

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  osVersion?: string;
}

/** An OCI content descriptor. */
export interface Descriptor {
  mediaType: string;
  digest: Digest;
  size: number;
  annotations?: Record<string, string>;
  platform?: Platform;
  urls?: string[];
  artifactType?: string;
}

export interface HistoryEntry {
  created?: string;
  created_by?: string;
  author?: string;
  comment?: string;
  empty_layer?: boolean;
}

/** The parts of the OCI image configuration crowsnest uses; everything else is kept in `raw`. */
export interface ImageConfig {
  architecture: string;
  os: string;
  variant?: string;
  'os.version'?: string;
  created?: string;
  author?: string;
  config?: {
    User?: string;
    Env?: string[];
    Entrypoint?: string[] | null;
    Cmd?: string[] | null;
    WorkingDir?: string;
    Labels?: Record<string, string> | null;
    ExposedPorts?: Record<string, unknown>;
    StopSignal?: string;
  };
  rootfs: { type: string; diff_ids: Digest[] };
  history?: HistoryEntry[];
}

export interface LayerInfo {
  /** 0 = the earliest (base) layer. */
  index: number;
  /** Digest of the blob as stored (compressed). For uncompressed docker-archive layers this equals diffId. */
  digest: Digest;
  /** Digest of the uncompressed tar, from the config's rootfs.diff_ids. */
  diffId: Digest;
  mediaType: string;
  /** Stored (compressed) size in bytes. */
  size: number;
  /** The history entry that produced this layer, when the config has one. */
  history?: HistoryEntry;
}

export type SourceKind = 'registry' | 'docker-archive' | 'oci-layout' | 'oci-archive' | 'directory' | 'sbom';

export interface ImageSourceInfo {
  kind: SourceKind;
  /** What the user asked for, normalised (a reference, a file path). */
  location: string;
  /** The image reference (name:tag) when known: from the registry reference, archive RepoTags or OCI annotation. */
  reference?: string;
}

/**
 * A document attached to an image that describes it (an SBOM or a provenance statement): one layer of a
 * BuildKit attestation manifest in the image's index, or of an OCI referrer whose subject is the image.
 */
export interface Attestation {
  via: 'attestation-manifest' | 'referrer';
  /** The manifest that carries the document. */
  manifestDigest: Digest;
  /** The referrer's artifactType, when it declares one. */
  artifactType?: string;
  /** The document's blob: mediaType, digest, size, annotations (BuildKit sets `in-toto.io/predicate-type`). */
  descriptor: Descriptor;
  /** The blob, verified against its digest; absent when it could not be read, and then `error` says why. */
  content?: Buffer;
  error?: string;
}

/**
 * One single-platform image, opened from any source. Blobs are read on demand; `openLayer` may be called
 * more than once (a re-read never needs the whole layer in memory).
 */
export interface Image {
  source: ImageSourceInfo;
  /** Digest of the image manifest, if the source has one (a directory does not). */
  manifestDigest?: Digest;
  /** Digest of the index the manifest was selected from, when there was one. */
  indexDigest?: Digest;
  /** Every platform the index offered (for display), when there was an index. */
  platforms?: Platform[];
  /** Repository digests (`name@sha256:...`) when the source knows them. */
  repoDigests?: string[];
  manifest?: { mediaType: string; annotations?: Record<string, string> };
  config: ImageConfig;
  configDigest?: Digest;
  platform: Platform;
  layers: LayerInfo[];
  /**
   * The stored layer blob, verified against `layer.digest` as it streams (the stream errors with
   * E_DIGEST_MISMATCH at its end). Decompression is the FileTree reader's job.
   */
  openLayer(index: number): Promise<Readable>;
  /**
   * The SBOM and provenance documents attached to the image (BuildKit attestation manifests in its index, OCI
   * referrers), read on demand. Best effort: unreadable documents come back with an `error`. Sources that cannot
   * carry any (docker-archive, directory) leave it undefined.
   */
  attestations?(): Promise<Attestation[]>;
  /** Releases temp files and connections. */
  close(): Promise<void>;
}

export function formatPlatform(platform: Platform): string {
  return [platform.os, platform.architecture, platform.variant].filter(Boolean).join('/');
}
