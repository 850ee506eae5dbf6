import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseInput } from '../src/image/input.js';
import { openImage, readTree } from '../src/image/open.js';
import { ensureFixtures } from '../test/fixtures/images.js';
import { type Bench, median, timed } from './types.js';

const runs = 5;
const root = fileURLToPath(new URL('../..', import.meta.url));

async function readAll(layout: string, ref: string): Promise<number> {
  const image = await openImage(parseInput(`oci-dir://${layout}`), { ref });
  const tree = await readTree(image);
  const size = tree.size;
  await tree.close();
  await image.close();
  return size;
}

/** The baseline: GNU gzip and tar listing the same blobs (`gzip -dc blob | tar -t`). */
function gzipTar(blobs: string[]): void {
  for (const blob of blobs) execFileSync('sh', ['-c', 'gzip -dc "$1" | tar -t > /dev/null', 'sh', blob]);
}

/** A layer of about 1 GB compressed (2.8 GB of real files from /usr), gzip as umoci writes it. */
function bigLayout(dir: string): string {
  const layout = join(dir, 'big-1g-layout');
  if (existsSync(join(layout, 'index.json'))) return layout;
  mkdirSync(dir, { recursive: true });
  const tar = join(dir, 'big.tar');
  const parts = [
    ['a', 'usr/share'],
    ['b', 'usr/share'],
    ['c', 'usr/local'],
    ['d', 'usr/lib/x86_64-linux-gnu'],
  ];
  for (const [prefix, path] of parts) {
    execFileSync('sh', [
      '-c',
      `tar -rf "${tar}" --transform 's,^,${prefix}/,' -C / ${path} 2>/dev/null; true`,
    ]);
  }
  execFileSync('sh', ['-c', `umoci init --layout "${layout}" && umoci new --image "${layout}:big"`]);
  const bundle = join(dir, 'bundle');
  rmSync(bundle, { recursive: true, force: true });
  execFileSync('umoci', ['unpack', '--image', `${layout}:big`, bundle]);
  execFileSync('tar', ['-xf', tar, '-C', join(bundle, 'rootfs')]);
  execFileSync('umoci', ['repack', '--image', `${layout}:big`, bundle]);
  rmSync(bundle, { recursive: true, force: true });
  rmSync(tar, { force: true });
  return layout;
}

function peakRss(layout: string): { rssMb: number; files: number; seconds: number } {
  const script = `
    const { parseInput } = await import(${JSON.stringify(join(root, '.bench-dist/src/image/input.js'))});
    const { openImage, readTree } = await import(${JSON.stringify(join(root, '.bench-dist/src/image/open.js'))});
    const t = performance.now();
    const image = await openImage(parseInput('oci-dir://${layout}'), { ref: 'big' });
    const tree = await readTree(image);
    console.log(JSON.stringify({ rssMb: process.resourceUsage().maxRSS / 1024, files: tree.size, seconds: (performance.now() - t) / 1000 }));`;
  const out = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  if (out.status !== 0) throw new Error(out.stderr);
  return JSON.parse(out.stdout.trim());
}

export const imageReadBench: Bench = {
  name: 'image-read',
  description: 'read every layer of the fixture image into a FileTree, as a ratio to gzip -dc | tar -t',
  async run(log) {
    const fixtures = await ensureFixtures();
    const blobs = fixtures.expected.images.app.layers.map((l) =>
      join(fixtures.layout, 'blobs/sha256', l.digest.slice(7)),
    );
    const ours: number[] = [];
    const theirs: number[] = [];
    let files = 0;
    for (let i = 0; i < runs; i += 1) {
      const a = await timed(() => readAll(fixtures.layout, 'app'));
      files = a.value;
      ours.push(a.ms);
      theirs.push((await timed(() => gzipTar(blobs))).ms);
    }
    const bytes = blobs.reduce((sum, b) => sum + statSync(b).size, 0);
    log(`fixture app: ${blobs.length} layers, ${(bytes / 1e6).toFixed(1)} MB compressed, ${files} files`);
    log(`crowsnest FileTree  median ${median(ours).toFixed(0)} ms over ${runs} runs`);
    log(`gzip -dc | tar -t   median ${median(theirs).toFixed(0)} ms`);
    log(`ratio ${(median(ours) / median(theirs)).toFixed(2)}x (goal <= 1.3x)`);
    const big = bigLayout(join(root, '.cache', 'bench'));
    const blobSizes = execFileSync('sh', ['-c', `du -sb "${big}/blobs"`])
      .toString()
      .split('\t')[0];
    const result = peakRss(big);
    log(
      `1 GB layer (${(Number(blobSizes) / 1e6).toFixed(0)} MB compressed): ${result.files} files in ${result.seconds.toFixed(1)} s, peak RSS ${result.rssMb.toFixed(0)} MB (goal < 200 MB)`,
    );
    writeFileSync(
      join(root, '.cache', 'bench', 'image-read.json'),
      JSON.stringify({ ours, theirs, files, big: result }),
    );
  },
};
