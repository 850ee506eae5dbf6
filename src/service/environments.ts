// Environments (B4): which digest of a repository runs in `production`, `staging`, … as Docker Scout records them.
import { isDigest } from '../core/digest.js';
import { AppError } from '../core/errors.js';
import { DEFAULT_REGISTRY, parseReference } from '../image/reference.js';
import type { EnvironmentEntry, ImageRecord, Repository, Store } from '../store/types.js';
import { requireRole } from './repositories.js';
import type { OrgAccess } from './types.js';

/** Lower-case letters, digits, `.`, `_` and `-`, starting with a letter or digit (`production`, `qa-eu`). */
export const ENVIRONMENT_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/** What to record: an image reference as the CLI takes it, or a repository id with a digest or a tag. */
export interface RecordEnvironmentInput {
  environment: string;
  image?: string;
  repositoryId?: string;
  digest?: string;
  tag?: string;
}

export interface EnvironmentImage {
  environment: string;
  repository: { id: string; name: string; registryId: string };
  /** What was recorded: a manifest or an index digest. */
  digest: string;
  /** Tags pointing at that digest now. */
  tags: string[];
  recordedAt: string;
  recordedBy?: string;
  /** The analysed images at the digest (every platform of an index); empty until analysed. */
  images: ImageRecord[];
}

export interface Environment {
  name: string;
  images: EnvironmentImage[];
}

function checkName(name: string): void {
  if (!ENVIRONMENT_NAME.test(name)) {
    throw new AppError('E_REQUEST_INVALID', `bad environment name "${name}"`, {
      hint: 'use lower-case letters, digits, ".", "_" and "-" (at most 63), e.g. production',
    });
  }
}

/** The registry host in the text, when it names one (`127.0.0.1:5000/team/app` does; `team/app` does not). */
function namesHost(text: string): boolean {
  const first = text.split('/')[0] ?? '';
  return text.includes('/') && (first === 'localhost' || /[.:]/.test(first) || first !== first.toLowerCase());
}

async function repositoryOf(store: Store, orgId: string, image: string) {
  const ref = parseReference(image);
  const explicitHost = namesHost(image);
  const registries = await store.registries.listByOrg(orgId);
  const byHost = registries.filter((r) => {
    try {
      return new URL(r.url).host === ref.registry;
    } catch {
      return false;
    }
  });
  // `app:1` means docker.io/library/app to Docker; to a private registry it is just `app`
  const names =
    !explicitHost && ref.registry === DEFAULT_REGISTRY && !image.split(/[:@]/)[0]?.includes('/')
      ? [ref.repository, ref.repository.replace(/^library\//, '')]
      : [ref.repository];
  const candidates: Repository[] = [];
  for (const registry of explicitHost ? byHost : registries) {
    for (const name of names) {
      const found = await store.repositories.getByName(orgId, registry.id, name);
      if (found) candidates.push(found);
    }
  }
  if (candidates.length === 1) return { repository: candidates[0] as Repository, ref };
  if (candidates.length > 1) {
    throw new AppError('E_CONFLICT', `${ref.repository} is in several registries of this organization`, {
      where: image,
      hint: 'name the registry host in the reference, e.g. registry.example:5000/team/app:1.0',
    });
  }
  throw new AppError('E_NOT_FOUND', `no repository ${names.at(-1)} in this organization's registries`, {
    where: image,
    hint: explicitHost
      ? 'check the registry host matches a registry added to the organization'
      : 'check the name, or add the registry host to the reference',
  });
}

async function digestOf(store: Store, orgId: string, repository: Repository, tag: string): Promise<string> {
  const pointer = (await store.repositories.tags(orgId, repository.id)).find((t) => t.tag === tag);
  if (!pointer) {
    throw new AppError('E_NOT_FOUND', `tag ${tag} of ${repository.name} is not known to the server`, {
      hint: 'push it (the registry webhook records it), poll the registry, or give the digest: repo@sha256:…',
    });
  }
  return pointer.digest;
}

async function target(store: Store, orgId: string, input: RecordEnvironmentInput) {
  if (input.image) {
    const { repository, ref } = await repositoryOf(store, orgId, input.image);
    const digest = ref.digest ?? (await digestOf(store, orgId, repository, ref.tag ?? 'latest'));
    return { repository, digest };
  }
  const repository = input.repositoryId ? await store.repositories.get(orgId, input.repositoryId) : undefined;
  if (!repository) throw new AppError('E_NOT_FOUND', 'no such repository in this organization');
  if (input.digest) {
    if (!isDigest(input.digest)) throw new AppError('E_REQUEST_INVALID', `bad digest ${input.digest}`);
    return { repository, digest: input.digest };
  }
  if (!input.tag) throw new AppError('E_REQUEST_INVALID', 'give image, or repositoryId with digest or tag');
  return { repository, digest: await digestOf(store, orgId, repository, input.tag) };
}

async function describe(store: Store, orgId: string, entry: EnvironmentEntry, repository: Repository) {
  const [images, pointers] = await Promise.all([
    store.dashboard.imagesAt(orgId, repository.id, entry.digest),
    store.repositories.tags(orgId, repository.id),
  ]);
  const described: EnvironmentImage = {
    environment: entry.name,
    repository: { id: repository.id, name: repository.name, registryId: repository.registryId },
    digest: entry.digest,
    tags: pointers.filter((p) => p.digest === entry.digest).map((p) => p.tag),
    recordedAt: entry.recordedAt,
    images,
    ...(entry.recordedBy ? { recordedBy: entry.recordedBy } : {}),
  };
  return described;
}

/** Records the image into the environment (editor or owner); one digest per environment and repository. */
export async function recordEnvironment(
  store: Store,
  access: OrgAccess,
  input: RecordEnvironmentInput,
): Promise<EnvironmentImage> {
  requireRole(access, 'editor', 'recording an environment');
  checkName(input.environment);
  const { repository, digest } = await target(store, access.org.id, input);
  const entry = await store.environments.record({
    orgId: access.org.id,
    repositoryId: repository.id,
    name: input.environment,
    digest,
    recordedAt: new Date().toISOString(),
    recordedBy: access.principal.user.email,
  });
  return describe(store, access.org.id, entry, repository);
}

/** The org's environments, each with its images, by name; optionally one environment or one repository. */
export async function listEnvironments(
  store: Store,
  access: OrgAccess,
  query: { environment?: string; repositoryId?: string } = {},
): Promise<Environment[]> {
  const entries = await store.environments.list(access.org.id, {
    ...(query.environment ? { name: query.environment } : {}),
    ...(query.repositoryId ? { repositoryId: query.repositoryId } : {}),
  });
  const repositories = new Map<string, Repository | undefined>();
  const out = new Map<string, EnvironmentImage[]>();
  for (const entry of entries) {
    if (!repositories.has(entry.repositoryId))
      repositories.set(entry.repositoryId, await store.repositories.get(access.org.id, entry.repositoryId));
    const repository = repositories.get(entry.repositoryId);
    if (!repository) continue;
    const list = out.get(entry.name) ?? [];
    list.push(await describe(store, access.org.id, entry, repository));
    out.set(entry.name, list);
  }
  return [...out].map(([name, images]) => ({
    name,
    images: images.sort((a, b) => a.repository.name.localeCompare(b.repository.name)),
  }));
}
