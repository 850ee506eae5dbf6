import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { type Digest, DigestVerifier, shortDigest } from '../core/digest.js';
import { AppError } from '../core/errors.js';
import { type Limits, resolveLimits } from '../core/limits.js';
import { manifestAccept } from '../image/media-types.js';
import type { ImageReference } from '../image/reference.js';
import type { Descriptor } from '../image/types.js';
import { Authenticator } from './auth.js';
import { errorText, readCapped } from './body.js';
import { type CredentialLookup, dockerCredentialStore } from './credentials.js';
import {
  brokenStream,
  checkTarget,
  describeTarget,
  networkError,
  type RequestTarget,
  statusError,
} from './errors.js';
import { mediaTypeOf } from './headers.js';
import { catalogNames, type Page, paginate, parseReferrers, referrersFromTag, tagNames } from './listing.js';
import { manifestMediaType, verifyManifestDigest } from './manifest-digest.js';
import { isTransientNetworkError } from './retry.js';
import { Transport, type TransportOptions } from './transport.js';

export interface RegistryClientOptions extends TransportOptions {
  /** Where credentials come from; default: Docker's config.json and its credential helpers. */
  credentials?: CredentialLookup;
  limits?: Partial<Limits>;
}

export interface ManifestResponse {
  bytes: Buffer;
  /** From Content-Type, or the document's own mediaType when the header is generic. */
  mediaType: string;
  /** Verified against the requested digest, or computed and checked against Docker-Content-Digest. */
  digest: Digest;
}

export interface PingResult {
  registry: string;
  origin: string;
  status: number;
  /** `none`, `basic`, `bearer` (or another scheme the registry named). */
  auth: string;
}

export type ManifestTarget = Pick<ImageReference, 'registry' | 'repository' | 'tag' | 'digest'>;

const pullScope = (repository: string): string => `repository:${repository}:pull`;

/** A client for the OCI distribution API (pull side) over Node's fetch. */
export class RegistryClient {
  private readonly transport: Transport;
  private readonly auth: Authenticator;
  private readonly limits: Limits;

  constructor(options: RegistryClientOptions = {}) {
    this.transport = new Transport(options);
    this.auth = new Authenticator(this.transport, options.credentials ?? dockerCredentialStore());
    this.limits = resolveLimits(options.limits);
  }

  async ping(registry: string): Promise<PingResult> {
    const endpoint = await this.transport.endpoint(registry);
    return {
      registry,
      origin: endpoint.origin,
      status: endpoint.status,
      auth: endpoint.challenges[0]?.scheme ?? 'none',
    };
  }

  /** Fetches a manifest or index by digest (preferred when both are given) or tag. */
  async getManifest(ref: ManifestTarget): Promise<ManifestResponse> {
    const reference = ref.digest ?? ref.tag ?? 'latest';
    const target: RequestTarget = {
      registry: ref.registry,
      repository: ref.repository,
      reference,
      kind: 'manifest',
    };
    checkTarget(target);
    return this.buffered(target, async () => {
      const path = `/v2/${ref.repository}/manifests/${reference}`;
      const response = await this.request(target, path, pullScope(ref.repository), {
        accept: manifestAccept,
      });
      const bytes = await readCapped(response, this.limits.maxManifestBytes, target, 'manifest');
      const mediaType = manifestMediaType(mediaTypeOf(response.headers.get('content-type')), bytes);
      const digest = verifyManifestDigest(
        bytes,
        mediaType,
        ref.digest,
        response.headers.get('docker-content-digest'),
        target,
      );
      return { bytes, mediaType, digest };
    });
  }

  /** Streams a blob; the stream fails with E_DIGEST_MISMATCH at its end if the content does not match. */
  async openBlob(registry: string, repository: string, digest: Digest): Promise<Readable> {
    const target: RequestTarget = { registry, repository, reference: digest, kind: 'blob' };
    checkTarget(target);
    const response = await this.request(target, `/v2/${repository}/blobs/${digest}`, pullScope(repository));
    const verifier = new DigestVerifier(digest, `blob ${shortDigest(digest)} of ${registry}/${repository}`);
    if (!response.body) {
      verifier.end();
      return verifier;
    }
    const source = Readable.fromWeb(response.body as WebReadableStream<Uint8Array>);
    source.on('error', (error) => verifier.destroy(brokenStream(error, target)));
    verifier.on('close', () => source.destroy());
    source.pipe(verifier);
    return verifier;
  }

  /** A whole blob in memory (configs, small artifacts), refused above `maxBytes`. */
  async fetchBlob(registry: string, repository: string, digest: Digest, maxBytes: number): Promise<Buffer> {
    const target: RequestTarget = { registry, repository, reference: digest, kind: 'blob' };
    return this.buffered(target, async () => {
      const stream = await this.openBlob(registry, repository, digest);
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        total += chunk.length;
        if (total > maxBytes) {
          stream.destroy();
          throw new AppError('E_LIMIT_EXCEEDED', `blob is larger than the ${maxBytes}-byte limit`, {
            where: describeTarget(target),
            hint: 'raise the limit if the image is trusted',
          });
        }
        chunks.push(chunk);
      }
      return Buffer.concat(chunks, total);
    });
  }

  /** Every tag of a repository, following `Link` pagination. */
  async listTags(
    registry: string,
    repository: string,
    options: { pageSize?: number } = {},
  ): Promise<string[]> {
    const target: RequestTarget = { registry, repository, kind: 'tags' };
    checkTarget(target);
    const query = options.pageSize ? `?n=${options.pageSize}` : '';
    const pages = await this.pages(
      target,
      `/v2/${repository}/tags/list${query}`,
      pullScope(repository),
      tagNames,
    );
    return pages ?? [];
  }

  /** Every repository of a registry (`/v2/_catalog`), following `Link` pagination. */
  async catalog(registry: string, options: { pageSize?: number } = {}): Promise<string[]> {
    const target: RequestTarget = { registry, kind: 'catalog' };
    const query = options.pageSize ? `?n=${options.pageSize}` : '';
    return (await this.pages(target, `/v2/_catalog${query}`, 'registry:catalog:*', catalogNames)) ?? [];
  }

  /** Manifests whose `subject` is `digest`: the OCI 1.1 referrers API, else the `sha256-<hex>` tag schema. */
  async referrers(
    registry: string,
    repository: string,
    digest: Digest,
    options: { artifactType?: string } = {},
  ) {
    const target: RequestTarget = { registry, repository, reference: digest, kind: 'referrers' };
    checkTarget(target);
    const query = options.artifactType ? `?artifactType=${encodeURIComponent(options.artifactType)}` : '';
    const path = `/v2/${repository}/referrers/${digest}${query}`;
    const found: Descriptor[] =
      (await this.pages(target, path, pullScope(repository), parseReferrers(describeTarget(target)), true)) ??
      (await referrersFromTag(
        (tag) => this.getManifest({ registry, repository, tag }),
        digest,
        describeTarget(target),
      ));
    return options.artifactType ? found.filter((d) => d.artifactType === options.artifactType) : found;
  }

  private async pages<T>(
    target: RequestTarget,
    path: string,
    scope: string,
    extract: (json: unknown, where: string) => T[],
    absentOn404 = false,
  ): Promise<T[] | undefined> {
    const { origin } = await this.transport.endpoint(target.registry);
    const fetchPage = (url: string): Promise<Page | undefined> =>
      this.buffered(target, async () => {
        const response = await this.request(target, url, scope, { accept: 'application/json' }, absentOn404);
        if (response.status === 404) {
          await response.body?.cancel();
          return undefined;
        }
        const bytes = await readCapped(response, this.limits.maxManifestBytes, target, 'listing');
        return { bytes, link: response.headers.get('link') };
      });
    return paginate(`${origin}${path}`, origin, fetchPage, extract, describeTarget(target));
  }

  /** One authorised request: the first try uses what `/v2/` said; a 401 earns one re-authorised retry. */
  private async request(
    target: RequestTarget,
    pathOrUrl: string,
    scope: string,
    headers: Record<string, string> = {},
    allow404 = false,
  ): Promise<Response> {
    const { origin } = await this.transport.endpoint(target.registry);
    const url = pathOrUrl.startsWith('/') ? `${origin}${pathOrUrl}` : pathOrUrl;
    let authorization = await this.auth.authorize(target.registry, scope);
    let response = await this.transport.send({
      target,
      url,
      headers,
      ...(authorization ? { authorization } : {}),
    });
    if (response.status === 401) {
      const challenge = response.headers.get('www-authenticate');
      await response.body?.cancel();
      const retry = await this.auth.reauthorize(target.registry, scope, challenge, authorization);
      if (retry !== undefined) {
        authorization = retry;
        response = await this.transport.send({ target, url, headers, authorization });
      }
    }
    if (response.ok || (allow404 && response.status === 404)) return response;
    const body = await errorText(response);
    throw statusError(response.status, body, target, await this.auth.hasCredentials(target.registry));
  }

  /** Re-runs a whole buffered read when the connection breaks mid-body. */
  private async buffered<T>(target: RequestTarget, read: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await read();
      } catch (error) {
        const transient =
          error instanceof AppError ? isTransientNetworkError(error.cause) : isTransientNetworkError(error);
        if (!transient || attempt >= this.transport.retry.attempts) {
          throw error instanceof AppError ? error : networkError(error, target, target.registry);
        }
      }
    }
  }
}
