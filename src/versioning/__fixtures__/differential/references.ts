import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pair } from './pairs.js';

/** What a reference tool says about a pair: the order, or that it rejects one of the versions. */
export type Answer = -1 | 0 | 1 | 'E';

const here = (file: string): string => fileURLToPath(new URL(`reference/${file}`, import.meta.url));

/** Debian's own python, which has python3-rpm and python3-packaging (a pyenv python3 on PATH may not). */
const PYTHON = '/usr/bin/python3';

function run(command: string, args: string[], input: string, env?: NodeJS.ProcessEnv): string[] {
  const output = execFileSync(command, args, {
    input,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: env ? { ...process.env, ...env } : process.env,
  });
  return output.split('\n').slice(0, -1);
}

function answers(lines: string[], expected: number): Answer[] {
  if (lines.length !== expected)
    throw new Error(`reference answered ${lines.length} lines for ${expected} pairs`);
  return lines.map((line) => (line.trim() === 'E' ? 'E' : (Math.sign(Number(line)) as -1 | 0 | 1)));
}

const toInput = (pairs: readonly Pair[]): string => pairs.map(([a, b]) => `${a}\t${b}\n`).join('');

/** One process per batch for every tool: the pairs go in on stdin, one answer per line comes out. */
export function rpmLabelCompare(pairs: readonly Pair[]): Answer[] {
  return answers(run(PYTHON, [here('rpm_label_compare.py')], toInput(pairs)), pairs.length);
}

export function alpmVercmp(pairs: readonly Pair[]): Answer[] {
  return answers(run(PYTHON, [here('alpm_vercmp.py')], toInput(pairs)), pairs.length);
}

export function packagingVersion(pairs: readonly Pair[]): Answer[] {
  return answers(run(PYTHON, [here('pep440_packaging.py')], toInput(pairs)), pairs.length);
}

export function gemVersion(pairs: readonly Pair[]): Answer[] {
  return answers(run('ruby', [here('gem_version.rb')], toInput(pairs)), pairs.length);
}

export function composerCompare(pairs: readonly Pair[]): Answer[] {
  return answers(run('php', [here('composer_compare.php')], toInput(pairs)), pairs.length);
}

export function mavenJar(): string | undefined {
  return ['/usr/share/maven/lib/maven-artifact-3.x.jar', '/usr/share/java/maven-artifact-3.x.jar'].find(
    existsSync,
  );
}

/** Java 11+ compiles a single source file at launch, so no separate javac step is needed. */
export function mavenComparableVersion(pairs: readonly Pair[]): Answer[] {
  const jar = mavenJar();
  if (!jar) throw new Error('maven-artifact jar not found (Debian package maven)');
  return answers(run('java', ['-cp', jar, here('MavenCompare.java')], toInput(pairs)), pairs.length);
}

let goBinary: string | undefined;

/** Builds the x/mod/semver program once, offline, in GOPATH mode against Debian's Go sources. */
function buildGoSemver(): string {
  if (goBinary) return goBinary;
  const dir = mkdtempSync(join(tmpdir(), 'crowsnest-gosemver-'));
  const binary = join(dir, 'gosemver');
  execFileSync('go', ['build', '-o', binary, '.'], {
    cwd: here('gosemver'),
    env: {
      ...process.env,
      GO111MODULE: 'off',
      GOPATH: '/usr/share/gocode',
      GOPROXY: 'off',
      GOFLAGS: '',
      GOCACHE: join(dir, 'cache'),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  goBinary = binary;
  return binary;
}

export function goSemverCompare(pairs: readonly Pair[]): Answer[] {
  return answers(run(buildGoSemver(), [], toInput(pairs)), pairs.length);
}

/**
 * dpkg needs a process per comparison, so we ask it one yes/no question per pair: "does the relation our
 * scheme claims hold?" That checks the full three-way answer with one call. Two shells share the batch.
 */
export async function dpkgConfirms(
  claims: readonly (readonly [string, 'lt' | 'eq' | 'gt', string])[],
): Promise<boolean[]> {
  const half = Math.ceil(claims.length / 2);
  const chunks = [claims.slice(0, half), claims.slice(half)];
  const outputs = await Promise.all(
    chunks.map((chunk) => shellLoop(chunk.map((c) => c.join('\t')).join('\n'))),
  );
  const lines = outputs.flat();
  if (lines.length !== claims.length)
    throw new Error(`dpkg answered ${lines.length} of ${claims.length} claims`);
  return lines.map((line) => line === 'yes');
}

function shellLoop(input: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', [here('dpkg_check.sh')], { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve(out.split('\n').slice(0, -1)) : reject(new Error(`sh exit ${code}`)),
    );
    child.stdin.end(input === '' ? '' : `${input}\n`);
  });
}

/** True when a command can be started (the CI installs them all from .ci/apt-packages). */
export function hasCommand(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
