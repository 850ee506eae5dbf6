import { execFileSync } from 'node:child_process';
import { lstatSync, readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileEntry } from '../../src/fs/types.js';
import { parseInput } from '../../src/image/input.js';
import { type OpenImageOptions, openImage, readTree } from '../../src/image/open.js';
import { ensureFixtures, type Fixtures } from '../fixtures/images.js';
import { type PushedImages, pushToRegistry } from '../fixtures/push.js';
import { type RunningRegistry, startRegistry } from '../harness/registry.js';

interface Row {
  path: string;
  type: string;
  mode: number;
  size: number;
  uid: number;
  gid: number;
  link?: string;
  layer?: number;
}

async function treeRows(input: string, options: OpenImageOptions = {}): Promise<Row[]> {
  const image = await openImage(parseInput(input), options);
  try {
    const tree = await readTree(image);
    const rows = tree.entries().map((e: FileEntry) => ({
      path: e.path,
      type: e.type,
      mode: e.mode,
      size: e.type === 'dir' ? 0 : e.size,
      uid: e.uid,
      gid: e.gid,
      ...(e.linkTarget !== undefined ? { link: e.linkTarget } : {}),
      layer: e.layer,
    }));
    await tree.close();
    return rows;
  } finally {
    await image.close();
  }
}

/** The tree `umoci unpack` wrote: the reference implementation's squashed filesystem. */
function umociRows(rootfs: string): Row[] {
  const rows: Row[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const info = lstatSync(full);
      const path = `${prefix}/${name}`;
      const type = info.isDirectory() ? 'dir' : info.isSymbolicLink() ? 'symlink' : 'file';
      rows.push({
        path,
        type,
        mode: info.mode & 0o7777,
        size: type === 'file' ? info.size : 0,
        uid: info.uid,
        gid: info.gid,
        ...(type === 'symlink' ? { link: readlinkSync(full) } : {}),
      });
      if (info.isDirectory()) walk(full, path);
    }
  };
  walk(rootfs, '');
  return rows;
}

/** Our rows as umoci materialises them: a hardlink is a file; layers are ours alone. */
function asMaterialised(rows: Row[]): Row[] {
  return rows
    .map(({ layer: _layer, ...row }) =>
      row.type === 'hardlink' ? { ...row, type: 'file', link: undefined } : row,
    )
    .map((row) => JSON.parse(JSON.stringify(row)) as Row)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

let fixtures: Fixtures;
let registry: RunningRegistry;
let pushed: PushedImages;
let reference: Row[];

beforeAll(async () => {
  fixtures = await ensureFixtures();
  registry = await startRegistry();
  pushed = await pushToRegistry(fixtures, registry.host, { zstd: true });
  reference = await treeRows(`oci-dir://${fixtures.layout}`, { ref: 'app' });
}, 300_000);

afterAll(async () => {
  await registry?.stop();
});

describe('one image, every source, the same FileTree', () => {
  it('has the whole image', () => {
    expect(reference.length).toBeGreaterThan(5000);
    expect(reference.some((r) => r.path === '/app/node_modules/express/package.json' && r.layer === 1)).toBe(
      true,
    );
  });

  it.each([
    ['registry (OCI manifest)', () => `registry://${pushed.app.ref}`, {}],
    ['registry (Docker schema 2)', () => `registry://${pushed.appV2s2.ref}`, {}],
    [
      'registry (OCI index, linux/amd64)',
      () => `registry://${pushed.multi.ref}`,
      { platform: { os: 'linux', architecture: 'amd64' } },
    ],
    [
      'registry (manifest list)',
      () => `registry://${pushed.multiV2s2.ref}`,
      { platform: { os: 'linux', architecture: 'amd64' } },
    ],
    ['registry (zstd layers)', () => `registry://${pushed.appZstd!.ref}`, {}],
    ['docker-archive', () => `archive://${fixtures.dockerArchive}`, {}],
    ['docker-archive, Docker 25+ (OCI layout inside)', () => `archive://${fixtures.dockerArchiveOci}`, {}],
    [
      'docker-archive holding two images',
      () => `archive://${fixtures.dockerArchiveMulti}`,
      { ref: 'demo/app:1.0' },
    ],
    ['oci-archive', () => `oci-archive://${fixtures.ociArchive}`, {}],
    [
      'oci-archive of the index',
      () => `oci-archive://${fixtures.ociArchiveMulti}`,
      { platform: { os: 'linux', architecture: 'amd64' } },
    ],
    ['OCI layout, zstd', () => `oci-dir://${fixtures.layout}`, { ref: 'app-zstd' }],
  ] as [string, () => string, OpenImageOptions][])('%s', async (_name, input, options) => {
    const rows = await treeRows(input(), options);
    expect(rows.length).toBe(reference.length);
    expect(rows).toEqual(reference);
  });

  it('equals the tree umoci unpack made (paths, types, modes, sizes, owners, link targets)', () => {
    const ours = asMaterialised(reference);
    const theirs = asMaterialised(umociRows(join(fixtures.appBundle, 'rootfs')));
    const missing = theirs.filter((r) => !ours.some((o) => o.path === r.path)).map((r) => r.path);
    const extra = ours.filter((r) => !theirs.some((t) => t.path === r.path)).map((r) => r.path);
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    expect(ours).toEqual(theirs);
  });

  it('attributes every entry to the last layer whose tar lists it (checked with GNU tar)', () => {
    const listed = fixtures.expected.images.app.layers.map((layer) => {
      const blob = join(fixtures.layout, 'blobs', 'sha256', layer.digest.slice(7));
      const names = execFileSync('tar', ['-tzf', blob], { maxBuffer: 1 << 28 })
        .toString()
        .split('\n');
      return new Set(names.filter(Boolean).map((n) => `/${n.replace(/^\.\//, '').replace(/\/$/, '')}`));
    });
    const wrong = reference.filter((row) => {
      const last = listed.map((set, i) => (set.has(row.path) ? i : -1)).reduce((a, b) => Math.max(a, b), -1);
      return last !== row.layer;
    });
    expect(wrong.map((r) => `${r.path} ${r.layer}`)).toEqual([]);
  });

  it('picks the platform from an index, and names what it offers when asked for another', async () => {
    const arm = await openImage(parseInput(`oci-archive://${fixtures.ociArchiveMulti}`), {
      platform: { os: 'linux', architecture: 'arm64' },
    });
    expect(arm.platform).toMatchObject({ architecture: 'arm64', variant: 'v8' });
    expect(arm.manifestDigest).toBe(fixtures.expected.images.appArm64.manifestDigest);
    await arm.close();
    await expect(
      openImage(parseInput(`registry://${pushed.multi.ref}`), {
        platform: { os: 'linux', architecture: 's390x' },
      }),
    ).rejects.toThrow(/no image for platform linux\/s390x/);
    await expect(
      openImage(parseInput(`registry://${pushed.multi.ref}`), {
        platform: { os: 'linux', architecture: 's390x' },
      }),
    ).rejects.toMatchObject({ hint: expect.stringMatching(/linux\/amd64, linux\/arm64\/v8/) });
  });
});
