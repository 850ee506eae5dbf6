import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/core/digest.js';
import { runCli } from '../support/cli.js';
import { makeTar, memoryLayer } from '../support/layers.js';
import { buildLayout, type LayoutSpec, writeLayoutDir, writeTarFile } from '../support/layout-builder.js';

/**
 * Malformed and hostile inputs, each built here from scratch. Every one must end with one clear line on
 * stderr naming the problem, a non-zero exit, and no stack trace unless --debug.
 */
let dir: string;
const cases: { name: string; args: () => Promise<string[]>; message: RegExp; code: number }[] = [];

async function layout(name: string, spec: LayoutSpec): Promise<string> {
  return writeLayoutDir(join(dir, name), buildLayout(spec));
}

const goodFiles = [{ name: 'etc/os-release', content: 'ID=test\n' }];

function add(name: string, message: RegExp, code: number, args: () => Promise<string[]>): void {
  cases.push({ name, args, message, code });
}

add('archive that does not exist', /no such file/, 66, async () => [
  'inspect',
  `archive://${join(dir, 'nope.tar')}`,
]);
add('archive that is not a tar', /not a readable tar archive|empty or not a tar/, 65, async () => {
  await writeFile(join(dir, 'random.tar'), Buffer.from('this is not a tar file at all'.repeat(40)));
  return ['inspect', `archive://${join(dir, 'random.tar')}`];
});
add('tar without manifest.json given as archive://', /manifest\.json is missing/, 65, async () => {
  await writeTarFile(join(dir, 'plain.tar'), new Map([['hello.txt', Buffer.from('hi')]]));
  return ['inspect', `archive://${join(dir, 'plain.tar')}`];
});
add('layout without oci-layout', /oci-layout file is missing/, 65, async () => {
  const built = buildLayout({ layers: [await memoryLayer(goodFiles)] });
  built.files.delete('oci-layout');
  return ['inspect', `oci-dir://${await writeLayoutDir(join(dir, 'no-marker'), built)}`];
});
add('manifest that is not JSON', /manifest is not valid JSON/, 65, async () => [
  'inspect',
  `oci-dir://${await layout('bad-json', { layers: [await memoryLayer(goodFiles)], manifestBytes: Buffer.from('{nope') })}`,
]);
add('schema 1 manifest', /schema 1 manifests are not supported/, 65, async () => [
  'inspect',
  `oci-dir://${await layout('schema1', { layers: [], manifestBytes: Buffer.from('{"schemaVersion":1,"name":"x","tag":"1","fsLayers":[]}') })}`,
]);
add('missing layer blob', /is missing/, 66, async () => [
  'inspect',
  `oci-dir://${await layout('missing-blob', { layers: [await memoryLayer(goodFiles)], omitLayers: [0] })}`,
]);
add('layer blob that does not match its digest', /does not match its digest/, 65, async () => [
  'inspect',
  `oci-dir://${await layout('corrupt-blob', { layers: [await memoryLayer(goodFiles)], corruptLayers: [0] })}`,
]);
add('truncated gzip layer', /truncated or corrupt/, 65, async () => {
  const layer = await memoryLayer(goodFiles);
  const blob = layer.blob.subarray(0, layer.blob.length - 30);
  return ['inspect', `oci-dir://${await layout('truncated', { layers: [{ ...layer, blob }] })}`];
});
add('tar with a broken header inside valid gzip', /truncated or corrupt/, 65, async () => {
  const tar = await makeTar(goodFiles);
  tar.write('garbage!', 148); // the header checksum field
  return [
    'inspect',
    `oci-dir://${await layout('bad-header', { layers: [{ blob: gzipSync(tar), diffId: sha256(tar) }] })}`,
  ];
});
add('diff_id that does not match the layer', /does not match its digest/, 65, async () => {
  const layer = await memoryLayer(goodFiles);
  return ['inspect', `oci-dir://${await layout('diffid', { layers: [{ ...layer, diffId: sha256('x') }] })}`];
});
add('unsupported layer media type', /unsupported media type/, 65, async () => {
  const layer = { ...(await memoryLayer(goodFiles)), mediaType: 'application/vnd.example.squashfs' };
  return ['inspect', `oci-dir://${await layout('media-type', { layers: [layer] })}`];
});
add('bzip2-compressed layer', /bzip2-compressed/, 65, async () => {
  const blob = Buffer.concat([Buffer.from('BZh91AY&SY'), Buffer.alloc(100)]);
  return ['inspect', `oci-dir://${await layout('bzip2', { layers: [{ blob, diffId: sha256(blob) }] })}`];
});
add('entry climbing out of the root', /points outside the image root/, 65, async () => [
  'inspect',
  `oci-dir://${await layout('traversal', { layers: [await memoryLayer([{ name: '../../../etc/cron.d/evil', content: 'x' }])] })}`,
]);
add('hardlink to a file outside the root', /points outside the image root/, 65, async () => [
  'inspect',
  `oci-dir://${await layout('hardlink', { layers: [await memoryLayer([{ name: 'shadow', type: 'link', linkname: '../../etc/shadow' }])] })}`,
]);
add('decompression bomb over --max-layer-bytes', /expands to more than/, 65, async () => {
  const tar = await makeTar([{ name: 'zeros', content: Buffer.alloc(4 * 1024 * 1024) }]);
  const bomb = { blob: gzipSync(tar), diffId: sha256(tar) };
  return ['inspect', `oci-dir://${await layout('bomb', { layers: [bomb] })}`, '--max-layer-bytes', '1M'];
});
add('more entries than --max-entries', /more than 10 tar entries/, 65, async () => {
  const many = Array.from({ length: 50 }, (_, i) => ({ name: `f${i}`, content: 'x' }));
  return [
    'inspect',
    `oci-dir://${await layout('entries', { layers: [await memoryLayer(many)] })}`,
    '--max-entries',
    '10',
  ];
});
add('config with fewer diff_ids than layers', /but the config has 0 diff_ids/, 65, async () => [
  'inspect',
  `oci-dir://${await layout('diffids', {
    layers: [await memoryLayer(goodFiles)],
    config: (c) => ({ ...c, rootfs: { type: 'layers', diff_ids: [] } }),
  })}`,
]);
add('config without rootfs', /image config is malformed/, 65, async () => [
  'inspect',
  `oci-dir://${await layout('no-rootfs', { layers: [await memoryLayer(goodFiles)], config: ({ rootfs: _r, ...c }) => c })}`,
]);
add('--ref naming no image in the layout', /no image named "nope"/, 66, async () => [
  'inspect',
  `oci-dir://${await layout('ref', { layers: [await memoryLayer(goodFiles)], refName: 'app' })}`,
  '--ref',
  'nope',
]);
add('registry that does not answer', /cannot reach 127\.0\.0\.1:1/, 69, async () => [
  'inspect',
  'registry://127.0.0.1:1/demo/app:1.0',
]);
add('unknown input prefix', /unknown input prefix/, 64, async () => ['inspect', 'ftp://example/x']);
add('malformed --platform', /invalid platform/, 64, async () => [
  'inspect',
  `oci-dir://${await layout('platform', { layers: [await memoryLayer(goodFiles)] })}`,
  '--platform',
  'linux',
]);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowsnest-hostile-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('malformed and hostile inputs', () => {
  it('lists at least 15 distinct cases', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBeGreaterThanOrEqual(15);
  });

  it.each(cases.map((c) => [c.name, c] as const))(
    '%s: one clear line, non-zero exit',
    async (_name, testCase) => {
      const result = await runCli(await testCase.args());
      const lines = result.stderr.trim().split('\n');
      expect(result.code, result.stderr).toBe(testCase.code);
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^crowsnest: error: /);
      expect(lines[0]).toMatch(testCase.message);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      expect(result.stdout).toBe('');
    },
  );

  it('prints the stack trace only with --debug', async () => {
    const args = [
      'inspect',
      `oci-dir://${await layout('debug', { layers: [await memoryLayer(goodFiles)], corruptLayers: [0] })}`,
    ];
    const result = await runCli([...args, '--debug']);
    expect(result.code).toBe(65);
    expect(result.stderr).toMatch(/E_DIGEST_MISMATCH/);
    expect(result.stderr).toMatch(/^\s+at /m);
  });
});
