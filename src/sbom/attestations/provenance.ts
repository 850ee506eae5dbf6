import { parsePurl } from '../../core/purl.js';
import { familiarName, familiarString, parseReference } from '../../image/reference.js';

/*
 * Base image names from build provenance. SLSA v0.2 lists what a build used in `materials`, SLSA v1 in
 * `buildDefinition.resolvedDependencies`; each is `{uri, digest}`, images as `pkg:docker/<name>@<tag>` package
 * URLs (BuildKit also lists the Dockerfile frontend image there, which is a build tool, not a base image).
 */

export const provenanceTypes: readonly string[] = [
  'https://slsa.dev/provenance/v0.1',
  'https://slsa.dev/provenance/v0.2',
  'https://slsa.dev/provenance/v1',
];

type Json = Record<string, unknown>;
const obj = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Images that are Dockerfile frontends whatever the build says: never base images. */
const frontendNames = new Set(['docker/dockerfile', 'docker/dockerfile-upstream']);

interface Dependency {
  uri?: string;
  digest?: Json;
}

function dependenciesOf(predicate: Json): { dependencies: Dependency[]; frontend?: string } {
  const v1 = obj(predicate.buildDefinition);
  if (Array.isArray(v1.resolvedDependencies)) {
    const request = obj(obj(v1.externalParameters).request);
    const frontend = str(obj(request.args).source);
    return { dependencies: v1.resolvedDependencies as Dependency[], ...(frontend ? { frontend } : {}) };
  }
  const parameters = obj(obj(predicate.invocation).parameters);
  const frontend = str(obj(parameters.args).source);
  const materials = Array.isArray(predicate.materials) ? (predicate.materials as Dependency[]) : [];
  return { dependencies: materials, ...(frontend ? { frontend } : {}) };
}

/** `pkg:docker/library/node@20?repository_url=…` plus its digest as an image reference (familiar form). */
export function imageOfDependency(dependency: Dependency): string | undefined {
  const purl = typeof dependency.uri === 'string' ? parsePurl(dependency.uri) : undefined;
  if (purl?.type !== 'docker') return undefined;
  const registry = purl.qualifiers?.repository_url?.replace(/^[a-z]+:\/\//, '').replace(/\/+$/, '');
  const name = [registry, purl.namespace, purl.name].filter(Boolean).join('/');
  const version = purl.version ?? '';
  const pinned = /^sha256:[a-f0-9]{64}$/.test(version);
  const sha = str(obj(dependency.digest).sha256);
  const tag = version && !pinned ? `:${version}` : '';
  const digest = pinned ? `@${version}` : sha && /^[a-f0-9]{64}$/.test(sha) ? `@sha256:${sha}` : '';
  try {
    return familiarString(parseReference(`${name}${tag}${digest}`));
  } catch {
    return undefined; // not an image name the distribution grammar accepts
  }
}

function sameImage(reference: string, other: string): boolean {
  try {
    return familiarName(parseReference(reference)) === familiarName(parseReference(other));
  } catch {
    return false;
  }
}

/** The base images a provenance predicate names, frontend images left out; sorted, no duplicates. */
export function baseImagesOf(predicate: unknown): string[] {
  const { dependencies, frontend } = dependenciesOf(obj(predicate));
  const images = new Set<string>();
  for (const dependency of dependencies) {
    const image = imageOfDependency(obj(dependency) as Dependency);
    if (!image) continue;
    const name = familiarName(parseReference(image));
    if (frontendNames.has(name) || (frontend && sameImage(image, frontend))) continue;
    images.add(image);
  }
  return [...images].sort();
}
