import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseInput } from '../src/image/input.js';
import { openImage, readTree } from '../src/image/open.js';
import { buildSbom } from '../src/sbom/build.js';
import { ensureSbomImage, type SbomImage } from '../test/fixtures/sbom-image.js';
import { byType, cdxgenPackages, ensureCdxgen, normalisePurl, runCdxgen } from './sbom-peer.js';
import { type Bench, median, timed } from './types.js';

const runs = 5;

interface Measured<T> {
  ms: number;
  /** CPU time of this process and of the children it waited for: steady when other work loads the machine. */
  cpuMs: number;
  value: T;
}

/** Children's user+system time so far (/proc/self/stat cutime+cstime, in clock ticks of 10 ms). */
function childrenCpuMs(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) * 10;
}

async function measure<T>(fn: () => Promise<T> | T): Promise<Measured<T>> {
  const cpu = process.cpuUsage();
  const children = childrenCpuMs();
  const { ms, value } = await timed(fn);
  const own = process.cpuUsage(cpu);
  return { ms, cpuMs: (own.user + own.system) / 1000 + childrenCpuMs() - children, value };
}

const medians = (list: Measured<unknown>[]) => ({
  ms: median(list.map((m) => m.ms)),
  cpuMs: median(list.map((m) => m.cpuMs)),
});
const fmt = (m: { ms: number; cpuMs: number }) => `${m.ms.toFixed(0)} ms wall, ${m.cpuMs.toFixed(0)} ms CPU`;
const root = fileURLToPath(new URL('../..', import.meta.url));
const benchDir = join(root, '.cache', 'bench');

async function sbomOnce(fixture: SbomImage): Promise<number> {
  const image = await openImage(parseInput(`oci-dir://${fixture.layout}`), { ref: fixture.facts.ref });
  try {
    return (await buildSbom(image, { cache: false })).sbom.packages.length;
  } finally {
    await image.close();
  }
}

/** The baseline: the same layers read into a FileTree with no cataloger asking for any content. */
async function readLayersOnce(fixture: SbomImage): Promise<number> {
  const image = await openImage(parseInput(`oci-dir://${fixture.layout}`), { ref: fixture.facts.ref });
  const tree = await readTree(image);
  const size = tree.size;
  await tree.close();
  await image.close();
  return size;
}

/** crowsnest's CLI, as cdxgen is run: a fresh process, no SBOM cache, CycloneDX out. */
function crowsnestCli(fixture: SbomImage, out: string): void {
  const main = join(root, '.bench-dist/src/cli/main.js');
  const args = [
    'sbom',
    `oci-dir://${fixture.layout}`,
    '--ref',
    fixture.facts.ref,
    '--no-cache',
    '--format',
    'cyclonedx',
    '-o',
    out,
  ];
  const script = `const { main } = await import(${JSON.stringify(main)}); process.exitCode = await main(${JSON.stringify(args)});`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

function archiveFor(fixture: SbomImage): string {
  const archive = join(benchDir, `sbom-image-${fixture.facts.key}.oci.tar`);
  for (const name of readdirSync(benchDir).filter((n) => /^sbom-image-.*\.oci\.tar$/.test(n)))
    if (join(benchDir, name) !== archive) rmSync(join(benchDir, name), { force: true });
  if (!existsSync(archive))
    execFileSync('skopeo', [
      'copy',
      '--quiet',
      `oci:${fixture.layout}:${fixture.facts.ref}`,
      `oci-archive:${archive}:crowsnest/sbom:1.0`,
    ]);
  return archive;
}

function compare(oursFile: string, theirsFile: string, log: (line: string) => void): Record<string, unknown> {
  const ours = cdxgenPackages(oursFile).packages;
  const mine = new Set(ours.map(normalisePurl).filter((p): p is string => Boolean(p)));
  const cdx = cdxgenPackages(theirsFile);
  const theirs = new Set(cdx.packages.map(normalisePurl).filter((p): p is string => Boolean(p)));
  const onlyMine = [...mine].filter((p) => !theirs.has(p)).sort();
  const onlyTheirs = [...theirs].filter((p) => !mine.has(p)).sort();
  log(`crowsnest: ${ours.length} packages (${mine.size} distinct): ${byType(mine)}`);
  log(
    `cdxgen:    ${cdx.packages.length} packages (${theirs.size} distinct): ${byType(theirs)}; also ${cdx.sources.length} Debian source packages and ${cdx.files} files (pkg:generic)`,
  );
  log(`both: ${[...mine].filter((p) => theirs.has(p)).length}`);
  log(`only crowsnest (${onlyMine.length}): ${byType(onlyMine)}`);
  for (const p of onlyMine.slice(0, 12)) log(`  + ${p}`);
  log(`only cdxgen (${onlyTheirs.length}): ${byType(onlyTheirs)}`);
  for (const p of onlyTheirs.slice(0, 12)) log(`  - ${p}`);
  return {
    ours: mine.size,
    theirs: theirs.size,
    onlyMine,
    onlyTheirs,
    sources: cdx.sources.length,
    files: cdx.files,
  };
}

async function peer(fixture: SbomImage, log: (line: string) => void): Promise<Record<string, unknown>> {
  const bin = ensureCdxgen(benchDir, log);
  const archive = archiveFor(fixture);
  const work = mkdtempSync(join(benchDir, 'cdxgen-run-'));
  try {
    const ourOut = join(work, 'crowsnest.json');
    const theirOut = join(work, 'cdxgen.json');
    const cold = await measure(() => runCdxgen(bin, archive, theirOut, work));
    const theirs = [await measure(() => runCdxgen(bin, archive, theirOut, work))];
    theirs.push(await measure(() => runCdxgen(bin, archive, theirOut, work)));
    const ours: Measured<void>[] = [];
    for (let i = 0; i < 3; i += 1) ours.push(await measure(() => crowsnestCli(fixture, ourOut)));
    const [a, b] = [medians(ours), medians(theirs)];
    log(`archive ${(statSync(archive).size / 1e6).toFixed(1)} MB`);
    log(`crowsnest sbom (CLI, no cache) median ${fmt(a)} over ${ours.length} runs`);
    log(`cdxgen -t docker      median ${fmt(b)} over ${theirs.length} warm runs (first run ${fmt(cold)})`);
    log(
      `ratio cdxgen / crowsnest ${(b.ms / a.ms).toFixed(1)}x wall, ${(b.cpuMs / a.cpuMs).toFixed(1)}x CPU (goal >= 10x)`,
    );
    const diff = compare(ourOut, theirOut, log);
    return { ours: a, theirs: b, cold, ...diff };
  } finally {
    rmSync(work, { recursive: true, force: true });
    // cdxgen leaves its extraction folders behind in TMPDIR; they were in `work`
  }
}

export const sbomBench: Bench = {
  name: 'sbom',
  description:
    'SBOM of the all-ecosystems fixture image, as a ratio to reading its layers, and against cdxgen',
  async run(log) {
    const fixture = await ensureSbomImage();
    mkdirSync(benchDir, { recursive: true });
    const sbom: Measured<number>[] = [];
    const read: Measured<number>[] = [];
    for (let i = 0; i < runs; i += 1) {
      sbom.push(await measure(() => sbomOnce(fixture)));
      read.push(await measure(() => readLayersOnce(fixture)));
    }
    const [a, b] = [medians(sbom), medians(read)];
    log(
      `fixture: ${fixture.facts.layers.length} layers, ${read[0]!.value} files, ${sbom[0]!.value} packages`,
    );
    log(`crowsnest SBOM (all catalogers)  median ${fmt(a)} over ${runs} runs`);
    log(`FileTree read of the same layers median ${fmt(b)}`);
    log(`ratio ${(a.ms / b.ms).toFixed(2)}x wall, ${(a.cpuMs / b.cpuMs).toFixed(2)}x CPU (goal <= 1.5x)`);
    let peerResult: Record<string, unknown> = {};
    try {
      peerResult = await peer(fixture, log);
    } catch (error) {
      log(`cdxgen comparison skipped: ${(error as Error).message.split('\n')[0]}`);
    }
    writeFileSync(
      join(benchDir, 'sbom.json'),
      JSON.stringify({ sbom: a, read: b, peer: peerResult }, null, 1),
    );
  },
};
