import { describe, expect, it } from 'vitest';
import { memoryImage, memoryLayer } from '../../test/support/layers.js';
import { sha256 } from '../core/digest.js';
import { readImageTree } from './read-image-tree.js';

const base = [
  { name: 'etc/', type: 'directory' as const },
  { name: 'etc/os-release', content: 'ID=debian\n' },
  { name: 'etc/motd', content: 'hello' },
  { name: 'usr/', type: 'directory' as const },
  { name: 'usr/share/doc/apt/copyright', content: 'GPL' },
  { name: 'usr/share/doc/apt/changelog', content: 'log' },
  { name: 'opt/data/a', content: 'a' },
  { name: 'opt/data/b', content: 'b' },
  { name: 'bin/sh', content: '#!elf', mode: 0o755 },
  { name: 'lib', type: 'symlink' as const, linkname: 'usr/lib' },
  { name: 'usr/lib/libc.so', content: 'libc' },
];

describe('readImageTree', () => {
  it('squashes layers: whiteouts, opaque directories, layer attribution and per-layer counts', async () => {
    const image = memoryImage([
      await memoryLayer(base),
      await memoryLayer([
        { name: 'etc/motd', content: 'changed' },
        { name: 'app/index.js', content: 'console.log(1)' },
      ]),
      await memoryLayer([
        { name: 'etc/.wh.motd' },
        { name: 'usr/share/doc/.wh.apt' },
        { name: 'opt/data/.wh..wh..opq' },
        { name: 'opt/data/c', content: 'c' },
      ]),
    ]);
    const tree = await readImageTree(image);
    expect(tree.get('/etc/motd')).toBeUndefined();
    expect(tree.get('/usr/share/doc/apt')).toBeUndefined();
    expect(tree.get('/usr/share/doc')?.type).toBe('dir');
    expect(tree.children('/opt/data').map((e) => e.path)).toEqual(['/opt/data/c']);
    expect(tree.get('/app/index.js')).toMatchObject({ layer: 1, size: 14, type: 'file' });
    expect(tree.get('/etc/os-release')?.layer).toBe(0);
    expect(tree.layers.map(({ added, changed, removed }) => ({ added, changed, removed }))).toEqual([
      { added: 9, changed: 0, removed: 0 },
      { added: 1, changed: 1, removed: 0 },
      { added: 1, changed: 0, removed: 5 },
    ]);
    // deleted paths have no current history; overwritten ones keep every write
    expect(tree.versions('/etc/motd')).toEqual([]);
    expect(tree.versions('/usr/share/doc/apt/copyright')).toEqual([]);
    await tree.close();
  });

  it('applies whiteouts and opaque markers to lower layers only, wherever they sit in the tar', async () => {
    const tree = await readImageTree(
      memoryImage([
        await memoryLayer([
          { name: 'etc/conf', content: 'old' },
          { name: 'opt/d/lower', content: 'l' },
          { name: 'opt/d/sub/lower2', content: 'l2' },
        ]),
        await memoryLayer([
          // this layer writes the paths first, then carries the markers: only lower content may go
          { name: 'etc/conf', content: 'new' },
          { name: 'opt/d/mine', content: 'm' },
          { name: 'opt/d/sub/mine2', content: 'm2' },
          { name: 'etc/.wh.conf' },
          { name: 'opt/d/.wh..wh..opq' },
        ]),
      ]),
    );
    expect((await tree.readFile('/etc/conf')).toString()).toBe('new');
    expect(
      tree
        .entries()
        .filter((e) => e.path.startsWith('/opt/d/'))
        .map((e) => e.path),
    ).toEqual(['/opt/d/mine', '/opt/d/sub', '/opt/d/sub/mine2']);
    expect(tree.layers[1]).toMatchObject({ removed: 2 });
    await tree.close();
  });

  it('keeps the writes of a path since it was last deleted', async () => {
    const tree = await readImageTree(
      memoryImage([
        await memoryLayer([
          { name: 'etc/conf', content: 'v0' },
          { name: 'etc/keep', content: 'k0' },
        ]),
        await memoryLayer([
          { name: 'etc/conf', content: 'v1' },
          { name: 'etc/keep', content: 'k1' },
        ]),
        await memoryLayer([{ name: 'etc/.wh.conf' }]),
        await memoryLayer([{ name: 'etc/conf', content: 'v3' }]),
      ]),
    );
    expect(tree.versions('/etc/keep').map((v) => v.layer)).toEqual([0, 1]);
    expect(tree.versions('/etc/conf').map((v) => v.layer)).toEqual([3]);
    expect((await tree.readFile(tree.versions('/etc/keep')[0]!)).toString()).toBe('k0');
    await tree.close();
  });

  it('follows symlinks inside the root only, and resolves parents through them', async () => {
    const image = memoryImage([
      await memoryLayer([
        ...base,
        { name: 'escape', type: 'symlink', linkname: '../../../../etc' },
        { name: 'loop1', type: 'symlink', linkname: 'loop2' },
        { name: 'loop2', type: 'symlink', linkname: 'loop1' },
      ]),
      await memoryLayer([{ name: 'escape/passwd', content: 'root:x:0:0' }]),
    ]);
    const tree = await readImageTree(image);
    expect(tree.resolve('/lib/libc.so')?.path).toBe('/usr/lib/libc.so');
    // a file written through a symlinked parent lands inside the root, where the link points
    expect(tree.get('/etc/passwd')).toMatchObject({ layer: 1, type: 'file' });
    expect((await tree.readFile('/etc/passwd')).toString()).toBe('root:x:0:0');
    expect(tree.resolve('/loop1')).toBeUndefined();
    await tree.close();
  });

  it('reads contents lazily, retaining selected files and re-reading one layer for the rest', async () => {
    const image = memoryImage([
      await memoryLayer(base),
      await memoryLayer([{ name: 'etc/motd', content: 'v2' }]),
    ]);
    const tree = await readImageTree(image, { select: (path) => path === '/etc/os-release' });
    expect(image.opened).toEqual([0, 1]);
    expect((await tree.readFile('/etc/os-release')).toString()).toBe('ID=debian\n');
    expect(image.opened).toEqual([0, 1]);
    expect((await tree.readFile('/etc/motd')).toString()).toBe('v2');
    expect(image.opened).toEqual([0, 1, 1]);
    const [older] = tree.versions('/etc/motd');
    expect((await tree.readFile(older!)).toString()).toBe('hello');
    await tree.close();
  });

  it('keeps a needle-filtered file only when it holds the needle, even across chunk boundaries', async () => {
    const needle = Buffer.from('\xff Go buildinf:', 'latin1');
    const big = Buffer.alloc(300 * 1024, 0x41);
    needle.copy(big, 256 * 1024 - 5); // straddles the zlib output chunk boundary
    const image = memoryImage([
      await memoryLayer([
        { name: 'bin/go-tool', content: big, mode: 0o755 },
        { name: 'bin/script', content: '#!/bin/sh\necho hi\n', mode: 0o755 },
      ]),
    ]);
    const tree = await readImageTree(image, { select: () => ({ needles: [needle] }) });
    expect(tree.retained(tree.get('/bin/go-tool')!)).toBe(true);
    expect(tree.retained(tree.get('/bin/script')!)).toBe(false);
    expect((await tree.readFile('/bin/go-tool')).equals(big)).toBe(true);
    await tree.close();
  });

  it('keeps hardlinks and reads their target content', async () => {
    const image = memoryImage([
      await memoryLayer([
        { name: 'a/file', content: 'shared' },
        { name: 'a/link', type: 'link', linkname: 'a/file' },
      ]),
    ]);
    const tree = await readImageTree(image);
    expect(tree.get('/a/link')).toMatchObject({ type: 'hardlink', linkTarget: '/a/file', size: 6 });
    expect((await tree.readFile('/a/link')).toString()).toBe('shared');
    await tree.close();
  });

  it('reads zstd and uncompressed layers the same as gzip', async () => {
    for (const compression of ['zstd', 'none'] as const) {
      const tree = await readImageTree(memoryImage([await memoryLayer(base, compression)]));
      expect(tree.get('/bin/sh')).toMatchObject({ mode: 0o755, size: 5 });
      await tree.close();
    }
  });

  it('ignores device files with a warning', async () => {
    const tree = await readImageTree(
      memoryImage([await memoryLayer([{ name: 'dev/null', type: 'character-device' }, ...base])]),
    );
    expect(tree.get('/dev/null')).toBeUndefined();
    expect(tree.warnings.join('\n')).toMatch(/ignored 1 device/);
    await tree.close();
  });

  it('globs with ** over absolute paths', async () => {
    const tree = await readImageTree(memoryImage([await memoryLayer(base)]));
    expect(tree.glob('**/doc/**/copyright').map((e) => e.path)).toEqual(['/usr/share/doc/apt/copyright']);
    expect(tree.glob('/etc/*').map((e) => e.path)).toEqual(['/etc/motd', '/etc/os-release']);
    await tree.close();
  });

  it('refuses hostile and broken layers with a clear error', async () => {
    const cases: [string, () => Promise<unknown>, string][] = [
      [
        '../ escape',
        async () =>
          readImageTree(memoryImage([await memoryLayer([{ name: '../../etc/evil', content: 'x' }])])),
        'E_LAYER_UNSAFE_PATH',
      ],
      [
        'hardlink escape',
        async () =>
          readImageTree(
            memoryImage([await memoryLayer([{ name: 'x', type: 'link', linkname: '../../etc/shadow' }])]),
          ),
        'E_LAYER_UNSAFE_PATH',
      ],
      [
        'diff_id mismatch',
        async () => readImageTree(memoryImage([{ ...(await memoryLayer(base)), diffId: sha256('other') }])),
        'E_DIGEST_MISMATCH',
      ],
      [
        'truncated gzip',
        async () => {
          const layer = await memoryLayer(base);
          return readImageTree(
            memoryImage([{ ...layer, blob: layer.blob.subarray(0, layer.blob.length - 40) }]),
          );
        },
        'E_LAYER_CORRUPT',
      ],
      [
        'bomb over the layer cap',
        async () =>
          readImageTree(memoryImage([await memoryLayer(base)]), { limits: { maxLayerBytes: 2048 } }),
        'E_LIMIT_EXCEEDED',
      ],
      [
        'too many entries',
        async () => readImageTree(memoryImage([await memoryLayer(base)]), { limits: { maxEntries: 3 } }),
        'E_LIMIT_EXCEEDED',
      ],
    ];
    for (const [name, run, code] of cases) {
      await expect(run(), name).rejects.toMatchObject({ code });
    }
  });
});
