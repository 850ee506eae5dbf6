import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PackageURL } from 'packageurl-js';

/*
 * The peer SBOM tool: cdxgen, installed at bench time into .cache/bench/cdxgen (never a project dependency),
 * run on an oci-archive of the fixture image, and a purl normalisation so both tools' lists can be compared.
 */

export const CDXGEN_VERSION = '12.8.4';

/** Installs cdxgen once (about 25 s, 280 MB) and returns its entry point. */
export function ensureCdxgen(benchDir: string, log: (line: string) => void): string {
  const dir = join(benchDir, 'cdxgen');
  const bin = join(dir, 'node_modules', '@cyclonedx', 'cdxgen', 'bin', 'cdxgen.js');
  const installed = join(dir, 'node_modules', '@cyclonedx', 'cdxgen', 'package.json');
  if (existsSync(installed) && JSON.parse(readFileSync(installed, 'utf8')).version === CDXGEN_VERSION)
    return bin;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
  log(`installing @cyclonedx/cdxgen@${CDXGEN_VERSION} into ${dir}`);
  execFileSync('npm', ['install', '--no-audit', '--no-fund', `@cyclonedx/cdxgen@${CDXGEN_VERSION}`], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return bin;
}

/** Runs cdxgen on an image archive (`-t docker` reads docker-archive and oci-archive tars). */
export function runCdxgen(bin: string, archive: string, out: string, tmp: string): void {
  execFileSync(process.execPath, [bin, '-t', 'docker', '-o', out, archive], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, TMPDIR: tmp, CDXGEN_TEMP_DIR: tmp, FETCH_LICENSE: 'false' },
    maxBuffer: 64 * 1024 * 1024,
  });
}

interface Component {
  purl?: string;
  tags?: string[];
  components?: Component[];
}

/** cdxgen's packages: components with a purl, files (`pkg:generic`) and Debian source packages apart. */
export function cdxgenPackages(bomFile: string): { packages: string[]; sources: string[]; files: number } {
  const bom = JSON.parse(readFileSync(bomFile, 'utf8')) as { components?: Component[] };
  const all: Component[] = [];
  const walk = (list: Component[] = []) => {
    for (const c of list) {
      all.push(c);
      walk(c.components);
    }
  };
  walk(bom.components);
  const withPurl = all.filter((c) => c.purl);
  const files = withPurl.filter((c) => c.purl!.startsWith('pkg:generic/')).length;
  const sources = withPurl.filter((c) => c.tags?.includes('source')).map((c) => c.purl!);
  const packages = withPurl
    .filter((c) => !c.purl!.startsWith('pkg:generic/') && !c.tags?.includes('source'))
    .map((c) => c.purl!);
  return { packages, sources, files };
}

/**
 * `type/namespace/name@version`, comparable across tools: qualifiers dropped (`distro=debian-12` or
 * `debian-12.x`, `arch`, `upstream`), percent-encoding decoded (`%2B`), an `epoch` qualifier folded into the
 * version when the version lacks it, PyPI names as PEP 503 normalises them, Composer's `v` tag prefix dropped.
 */
export function normalisePurl(purl: string): string | undefined {
  let parsed: PackageURL;
  try {
    parsed = PackageURL.fromString(purl);
  } catch {
    return undefined;
  }
  const type = parsed.type.toLowerCase();
  let version = parsed.version ?? '';
  const epoch = parsed.qualifiers?.epoch;
  if (epoch && epoch !== '0' && !version.startsWith(`${epoch}:`)) version = `${epoch}:${version}`;
  let name = parsed.name;
  let namespace = parsed.namespace ?? '';
  if (type === 'pypi') name = name.toLowerCase().replace(/[-_.]+/g, '-');
  if (type === 'composer') version = version.replace(/^v(?=\d)/, '');
  if (type === 'maven' || type === 'golang') namespace = namespace.toLowerCase();
  if (type === 'golang' && !version.startsWith('v') && version) version = `v${version}`;
  return `${type}/${namespace ? `${namespace}/` : ''}${name}@${version}`;
}

/** Counts per purl type, `deb 90, npm 57, ...`. */
export function byType(identities: Iterable<string>): string {
  const counts = new Map<string, number>();
  for (const id of identities) counts.set(id.split('/')[0]!, (counts.get(id.split('/')[0]!) ?? 0) + 1);
  return [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, n]) => `${type} ${n}`)
    .join(', ');
}
