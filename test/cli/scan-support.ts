import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { captureIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { ensureFixtures, type Fixtures } from '../fixtures/images.js';

/** The advisories the CLI tests import: OSV records and a tracker dump written from public facts. */
export const advisoriesDir = fileURLToPath(new URL('./__fixtures__/advisories', import.meta.url));

export interface ScanEnv {
  fixtures: Fixtures;
  /** `archive://` input of the fixture image (Debian 12 + old npm packages; minimist deleted in layer 2). */
  input: string;
  db: string;
  dir: string;
  env: NodeJS.ProcessEnv;
  dispose(): void;
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in-process with its own cache folder: stdout and stderr kept apart. */
export async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const io = captureIo({ ...process.env, ...env });
  const code = await main(args, io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}

/** Fixture image, a temp cache (so the first scan is cold and the rest hit the SBOM cache) and a fresh DB. */
export async function setUpScanEnv(): Promise<ScanEnv> {
  const fixtures = await ensureFixtures();
  const dir = mkdtempSync(join(tmpdir(), 'crowsnest-cli-'));
  const env = { CROWSNEST_CACHE_DIR: join(dir, 'cache') };
  const db = join(dir, 'advisories.db');
  const imported = await cli(['db', 'import', advisoriesDir, '--db', db], env);
  if (imported.code !== 0) throw new Error(`db import failed: ${imported.stderr}`);
  return {
    fixtures,
    input: `archive://${fixtures.dockerArchive}`,
    db,
    dir,
    env,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface Expected {
  id: string;
  name: string;
  version: string;
}

interface OsvFile {
  aliases: string[];
  affected: { package: { name: string }; ranges: { events: { introduced?: string; fixed?: string }[] }[] }[];
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/**
 * What the image should be reported for, computed without crowsnest: npm packages from the fixture build's
 * lock-file facts minus the paths a later layer deleted, ranges checked with semver; Debian packages from the
 * unpacked image's dpkg status by source package, every open tracker issue affecting the release.
 */
export function expectedFindings(fixtures: Fixtures): Expected[] {
  const deleted = new Set(fixtures.expected.deleted);
  const npm = fixtures.expected.npmPackages.filter((p) => !deleted.has(`/app/${p.path}`));
  const out: Expected[] = [];
  for (const file of files(join(advisoriesDir, 'advisories'))) {
    const record = JSON.parse(readFileSync(file, 'utf8')) as OsvFile;
    for (const affected of record.affected) {
      for (const p of npm.filter((q) => q.name === affected.package.name)) {
        const hit = affected.ranges.some(({ events }) => {
          const from = events.find((e) => e.introduced)?.introduced ?? '0';
          const fixed = events.find((e) => e.fixed)?.fixed;
          return (
            semver.gte(p.version, from === '0' ? '0.0.0' : from) && (!fixed || semver.lt(p.version, fixed))
          );
        });
        if (hit) out.push({ id: record.aliases[0]!, name: p.name, version: p.version });
      }
    }
  }
  const status = readFileSync(join(fixtures.appBundle, 'rootfs/var/lib/dpkg/status'), 'utf8');
  const tracker = JSON.parse(readFileSync(join(advisoriesDir, 'debian-tracker.json'), 'utf8')) as Record<
    string,
    Record<string, { releases: Record<string, { status: string }> }>
  >;
  for (const stanza of status.split(/\n\n+/)) {
    const field = (name: string) => new RegExp(`^${name}: (.+)$`, 'm').exec(stanza)?.[1];
    const name = field('Package');
    const version = field('Version');
    if (!name || !version) continue;
    const source = (field('Source') ?? name).split(' ')[0]!;
    for (const [cve, issue] of Object.entries(tracker[source] ?? {})) {
      if (issue.releases.bookworm?.status === 'open') out.push({ id: cve, name, version });
    }
  }
  return out.sort((a, b) => a.id.localeCompare(b.id) || a.name.localeCompare(b.name));
}
