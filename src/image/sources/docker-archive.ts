import { z } from 'zod';
import { type Digest, isDigest, sha256 } from '../../core/digest.js';
import { AppError } from '../../core/errors.js';
import { parseImageConfig } from '../manifest.js';
import type { Image, LayerInfo } from '../types.js';
import { openArchiveFile } from './archive-file.js';
import { type BlobStore, tarBlobStore, verified } from './blob-store.js';
import { layerHistory, type ResolveOptions } from './layout-image.js';

export interface DockerArchiveOptions extends ResolveOptions {
  /** Which image when the archive holds several: one of its RepoTags (docker.io/ and library/ optional). */
  ref?: string;
}

const manifestSchema = z.array(
  z.object({
    Config: z.string(),
    RepoTags: z.array(z.string()).nullish(),
    Layers: z.array(z.string()),
  }),
);
type ArchiveEntry = z.infer<typeof manifestSchema>[number];

function familiar(tag: string): string {
  return tag.replace(/^docker\.io\//, '').replace(/^library\//, '');
}

function chooseEntry(entries: ArchiveEntry[], ref: string | undefined, file: string): ArchiveEntry {
  const tags = entries.flatMap((entry) => entry.RepoTags ?? []);
  if (ref !== undefined) {
    const wanted = familiar(ref.includes(':') ? ref : `${ref}:latest`);
    const found = entries.find((entry) => (entry.RepoTags ?? []).some((tag) => familiar(tag) === wanted));
    if (found) return found;
    throw new AppError('E_MANIFEST_UNKNOWN', `no image tagged "${ref}" in the archive`, {
      where: file,
      hint: tags.length ? `it holds ${tags.map(familiar).join(', ')}` : 'its images have no tags; omit --ref',
    });
  }
  if (entries.length === 1) return entries[0]!;
  throw new AppError('E_USAGE', `the archive holds ${entries.length} images; choose one with --ref`, {
    where: file,
    hint: `choices: ${tags.map(familiar).join(', ') || '(untagged)'}`,
  });
}

/** A `blobs/sha256/<hex>` member name (Docker 25+ archives) carries the blob digest; older ones don't. */
function digestFromName(name: string): Digest | undefined {
  const match = /(?:^|\/)blobs\/(sha256|sha512)\/([a-f0-9]+)$/.exec(name);
  const digest = match ? `${match[1]}:${match[2]}` : undefined;
  return digest && isDigest(digest) ? digest : undefined;
}

async function readManifest(store: BlobStore, file: string, max: number): Promise<ArchiveEntry[]> {
  const bytes = await store.readFile('manifest.json', max);
  if (!bytes) {
    throw new AppError('E_ARCHIVE_INVALID', 'not a docker save archive: manifest.json is missing', {
      where: file,
      hint: 'for an OCI archive use oci-archive://',
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new AppError('E_ARCHIVE_INVALID', 'manifest.json of the archive is not valid JSON', {
      where: file,
    });
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success || parsed.data.length === 0) {
    throw new AppError('E_ARCHIVE_INVALID', 'manifest.json of the archive lists no images', { where: file });
  }
  return parsed.data;
}

/** Opens one image of a `docker save` archive (plain or gzipped). */
export async function openDockerArchive(file: string, options: DockerArchiveOptions): Promise<Image> {
  const archive = await openArchiveFile(file, 'docker save archive');
  try {
    const store = tarBlobStore(archive.path, archive.members);
    const entry = chooseEntry(
      await readManifest(store, file, options.limits.maxManifestBytes),
      options.ref,
      file,
    );
    const configBytes = await store.readFile(entry.Config, options.limits.maxManifestBytes);
    if (!configBytes)
      throw new AppError('E_BLOB_MISSING', `image config ${entry.Config} is missing`, { where: file });
    const config = parseImageConfig(configBytes, `${file} ${entry.Config}`);
    if (entry.Layers.length !== config.rootfs.diff_ids.length) {
      throw new AppError(
        'E_CONFIG_INVALID',
        `archive lists ${entry.Layers.length} layers but the config has ${config.rootfs.diff_ids.length} diff_ids`,
        { where: file, hint: 'the archive is inconsistent; export it again' },
      );
    }
    const history = layerHistory(config.history ?? undefined, entry.Layers.length);
    const layers: LayerInfo[] = entry.Layers.map((name, index) => {
      const member = archive.members.get(name.replace(/^\.\//, ''));
      return {
        index,
        digest: digestFromName(name) ?? config.rootfs.diff_ids[index]!,
        diffId: config.rootfs.diff_ids[index]!,
        mediaType: 'application/vnd.docker.image.rootfs.diff.tar',
        size: member?.size ?? 0,
        ...(history[index] ? { history: history[index] } : {}),
      };
    });
    const tag = entry.RepoTags?.[0];
    return {
      source: { kind: 'docker-archive', location: file, ...(tag ? { reference: familiar(tag) } : {}) },
      config,
      configDigest: sha256(configBytes),
      platform: {
        os: config.os,
        architecture: config.architecture,
        ...(config.variant ? { variant: config.variant } : {}),
      },
      layers,
      openLayer: async (index) => {
        const name = entry.Layers[index]!;
        const stream = await store.openFile(name);
        if (!stream)
          throw new AppError('E_BLOB_MISSING', `layer ${index} (${name}) is missing`, { where: file });
        const named = digestFromName(name);
        // without a blob digest in the name, the diff_id check while reading the layer protects the content
        return named ? verified(stream, named, `layer ${index}`) : stream;
      },
      close: archive.close,
    };
  } catch (error) {
    await archive.close();
    throw error;
  }
}
