import { type Digest, isDigest } from '../core/digest.js';
import { AppError } from '../core/errors.js';

/**
 * A normalised image reference, as Docker reads it: `ubuntu` is `docker.io/library/ubuntu:latest`.
 * `tag` is `latest` only when the text named neither a tag nor a digest.
 */
export interface ImageReference {
  /** `docker.io`, `localhost:5000`, `[::1]:5000`, `ghcr.io`. */
  registry: string;
  /** The path inside the registry: `library/ubuntu`, `org/team/app`. */
  repository: string;
  tag?: string;
  digest?: Digest;
  /** The text as the user wrote it. */
  original: string;
}

export const DEFAULT_REGISTRY = 'docker.io';
const LEGACY_DEFAULT_REGISTRY = 'index.docker.io';
const OFFICIAL_NAMESPACE = 'library/';
const DEFAULT_TAG = 'latest';
/** Distribution caps the repository path (not the registry) at 255 characters. */
export const MAX_REPOSITORY_LENGTH = 255;

// The grammar of the distribution reference library, written out as regular expressions.
const pathComponent = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const repositoryPattern = new RegExp(`^${pathComponent}(?:/${pathComponent})*$`);
const domainComponent = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const hostPattern = `(?:${domainComponent}(?:\\.${domainComponent})*|\\[[a-fA-F0-9:]+\\])`;
const registryPattern = new RegExp(`^${hostPattern}(?::[0-9]+)?$`);
const tagPattern = /^[\w][\w.-]{0,127}$/;
const digestGrammar = /^[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}$/;
const imageIdPattern = /^[a-f0-9]{64}$/;

/** Whether `name` is a valid repository path (`library/ubuntu`), as the distribution grammar defines it. */
export function isRepositoryName(name: string): boolean {
  return name.length <= MAX_REPOSITORY_LENGTH && repositoryPattern.test(name);
}

/** Whether `tag` is a valid tag: 1-128 of `[A-Za-z0-9_.-]`, not starting with `.` or `-`. */
export function isTag(tag: string): boolean {
  return tagPattern.test(tag);
}

function invalid(text: string, message: string, hint?: string): AppError {
  return new AppError('E_REFERENCE_INVALID', `invalid image reference: ${message}`, {
    where: text.length > 300 ? `${text.slice(0, 297)}...` : text,
    hint:
      hint ??
      'write it as [registry[:port]/]repository[:tag][@sha256:digest], e.g. debian:12 or ghcr.io/org/app:1.0',
  });
}

/** Splits the first path component off as the registry when Docker would: it has `.` or `:`, is `localhost`, or has capitals. */
function splitRegistry(name: string): { registry: string; repository: string } {
  const slash = name.indexOf('/');
  if (slash < 0) return { registry: DEFAULT_REGISTRY, repository: OFFICIAL_NAMESPACE + name };
  const first = name.slice(0, slash);
  const rest = name.slice(slash + 1);
  let registry = DEFAULT_REGISTRY;
  let repository = name;
  if (first === LEGACY_DEFAULT_REGISTRY) {
    repository = rest;
  } else if (first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first) {
    // capitals are not allowed in repositories, so Docker takes such a first component as a host name
    registry = first;
    repository = rest;
  }
  if (registry === DEFAULT_REGISTRY && !repository.includes('/'))
    repository = OFFICIAL_NAMESPACE + repository;
  return { registry, repository };
}

function parseDigestPart(text: string, digest: string): Digest {
  if (!digestGrammar.test(digest)) throw invalid(text, `"${digest}" is not a digest`);
  if (!isDigest(digest)) {
    throw invalid(
      text,
      `unsupported or malformed digest "${digest}"`,
      'digests are sha256:<64 lowercase hex> or sha512:<128 lowercase hex>',
    );
  }
  return digest;
}

function checkRepository(text: string, repository: string): void {
  if (repository === '' || repository.endsWith('/')) throw invalid(text, 'the repository name is empty');
  if (repository.length > MAX_REPOSITORY_LENGTH) {
    throw invalid(text, `the repository name is longer than ${MAX_REPOSITORY_LENGTH} characters`);
  }
  if (repository.toLowerCase() !== repository && repositoryPattern.test(repository.toLowerCase())) {
    throw invalid(text, `repository name "${repository}" must be lowercase`);
  }
  if (!repositoryPattern.test(repository)) {
    throw invalid(
      text,
      `bad repository name "${repository}"`,
      'repository path components are lowercase letters and digits, joined by ".", "_", "__" or "-"',
    );
  }
}

/** Parses a reference the way `docker pull` reads it (distribution's ParseNormalizedNamed plus the default tag). */
export function parseReference(text: string): ImageReference {
  if (text === '') throw invalid(text, 'the reference is empty');
  if (imageIdPattern.test(text)) {
    throw invalid(text, 'a 64-character hex string is an image ID, not a repository name');
  }
  const at = text.indexOf('@');
  const digest = at >= 0 ? parseDigestPart(text, text.slice(at + 1)) : undefined;
  const nameAndTag = at >= 0 ? text.slice(0, at) : text;
  const lastColon = nameAndTag.lastIndexOf(':');
  const hasTag = lastColon > nameAndTag.lastIndexOf('/');
  const name = hasTag ? nameAndTag.slice(0, lastColon) : nameAndTag;
  const tag = hasTag ? nameAndTag.slice(lastColon + 1) : undefined;
  if (name === '') throw invalid(text, 'the repository name is empty');
  if (tag !== undefined && !tagPattern.test(tag)) {
    throw invalid(
      text,
      `bad tag "${tag}"`,
      'tags are 1-128 of letters, digits, "_", "." and "-", not starting with "." or "-"',
    );
  }
  const { registry, repository } = splitRegistry(name);
  if (!registryPattern.test(registry)) throw invalid(text, `bad registry host "${registry}"`);
  checkRepository(text, repository);
  const reference: ImageReference = { registry, repository, original: text };
  if (tag !== undefined) reference.tag = tag;
  if (digest !== undefined) reference.digest = digest;
  if (tag === undefined && digest === undefined) reference.tag = DEFAULT_TAG;
  return reference;
}

/** The canonical form: `registry/repository[:tag][@digest]`. */
export function referenceString(
  ref: Pick<ImageReference, 'registry' | 'repository' | 'tag' | 'digest'>,
): string {
  const tag = ref.tag !== undefined ? `:${ref.tag}` : '';
  const digest = ref.digest !== undefined ? `@${ref.digest}` : '';
  return `${ref.registry}/${ref.repository}${tag}${digest}`;
}

/** The name as Docker shows it: no `docker.io/`, no `library/` for official images. No tag or digest. */
export function familiarName(ref: Pick<ImageReference, 'registry' | 'repository'>): string {
  if (ref.registry !== DEFAULT_REGISTRY) return `${ref.registry}/${ref.repository}`;
  const rest = ref.repository.startsWith(OFFICIAL_NAMESPACE)
    ? ref.repository.slice(OFFICIAL_NAMESPACE.length)
    : undefined;
  return rest !== undefined && !rest.includes('/') ? rest : ref.repository;
}

/** The familiar name with its tag and digest: `ubuntu:22.04`, `ghcr.io/org/app@sha256:...`. */
export function familiarString(
  ref: Pick<ImageReference, 'registry' | 'repository' | 'tag' | 'digest'>,
): string {
  const tag = ref.tag !== undefined ? `:${ref.tag}` : '';
  const digest = ref.digest !== undefined ? `@${ref.digest}` : '';
  return `${familiarName(ref)}${tag}${digest}`;
}

/** The host that serves the registry API: Docker Hub's name `docker.io` is not its API host. */
export function apiHost(registry: string): string {
  return registry === DEFAULT_REGISTRY || registry === LEGACY_DEFAULT_REGISTRY
    ? 'registry-1.docker.io'
    : registry;
}
