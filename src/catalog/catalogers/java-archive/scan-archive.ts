import { fromFileName, fromManifest, fromPom, type JavaIdentity } from './identity.js';
import { isArchiveName, parseFileName } from './parse-file-name.js';
import { type Manifest, parseManifest } from './parse-manifest.js';
import { parsePomProperties } from './parse-pom-properties.js';
import { type OpenZip, openZip } from './zip.js';

export interface ScanLimits {
  /** Archives inside archives: 1 reads `WEB-INF/lib/x.jar` but not the jars inside x.jar. */
  maxDepth: number;
  /** Bytes all nested reads of one top-level archive may inflate to, together. */
  maxBytes: number;
}

export const defaultScanLimits: Readonly<ScanLimits> = Object.freeze({
  maxDepth: 3,
  maxBytes: 256 * 1024 ** 2,
});

/** An archive (top-level or nested) and what it says it is. */
export interface ArchiveFinding {
  /** `/app/x.war` or, nested, `/app/x.war!/WEB-INF/lib/y.jar`. */
  path: string;
  identities: JavaIdentity[];
}

export interface ScanProblem {
  path: string;
  reason: string;
}

export interface ScanResult {
  archives: ArchiveFinding[];
  problems: ScanProblem[];
}

const POM_PROPERTIES = /^META-INF\/maven\/[^/]+\/[^/]+\/pom\.properties$/;
const MANIFEST = 'META-INF/MANIFEST.MF';
/** Text entries are small; anything bigger is not a real manifest or pom.properties. */
const MAX_TEXT_BYTES = 1024 ** 2;

interface ScanState {
  limits: ScanLimits;
  /** Inflated bytes still allowed for this top-level archive. */
  budget: number;
  result: ScanResult;
}

/**
 * Finds the Java packages of an archive and of the archives nested in it (any entry named *.jar, *.war,
 * *.ear, *.jpi, *.hpi: `WEB-INF/lib`, `BOOT-INF/lib`, an ear's `lib/` and modules), depth and bytes capped.
 * Never throws: a corrupt zip, a bomb or a cap reached becomes a problem tied to the (virtual) path.
 */
export async function scanArchive(
  data: Buffer,
  path: string,
  limits: ScanLimits = defaultScanLimits,
): Promise<ScanResult> {
  const state: ScanState = { limits, budget: limits.maxBytes, result: { archives: [], problems: [] } };
  await scanOne(data, path, 0, state);
  return state.result;
}

async function scanOne(data: Buffer, path: string, depth: number, state: ScanState): Promise<void> {
  let zip: OpenZip;
  try {
    zip = await openZip(data);
  } catch (error) {
    state.result.problems.push({ path, reason: `not a readable zip archive: ${message(error)}` });
    return;
  }
  try {
    const identities = await identify(zip, path, state);
    if (identities.length) state.result.archives.push({ path, identities });
    else
      state.result.problems.push({
        path,
        reason: 'no pom.properties, manifest version or versioned file name',
      });
    await scanNested(zip, path, depth, state);
  } finally {
    zip.close();
  }
}

async function identify(zip: OpenZip, path: string, state: ScanState): Promise<JavaIdentity[]> {
  const manifestText = await readText(zip, MANIFEST, path, state);
  const manifest: Manifest | undefined = manifestText === undefined ? undefined : parseManifest(manifestText);
  const identities: JavaIdentity[] = [];
  const seen = new Set<string>();
  for (const entry of zip.entries.filter((e) => POM_PROPERTIES.test(e.name))) {
    const text = await readText(zip, entry.name, path, state);
    const pom = text === undefined ? undefined : parsePomProperties(text, entry.name);
    const key = pom && `${pom.groupId}:${pom.artifactId}@${pom.version}`;
    if (!pom || !key || seen.has(key)) continue;
    seen.add(key);
    identities.push(fromPom(pom, entry.name, manifest));
  }
  if (identities.length) return identities;
  const file = parseFileName(path.slice(path.lastIndexOf('/') + 1));
  const fallback = (manifest && fromManifest(manifest, file, MANIFEST)) ?? fromFileName(file);
  return fallback ? [fallback] : [];
}

async function scanNested(zip: OpenZip, path: string, depth: number, state: ScanState): Promise<void> {
  for (const entry of zip.entries.filter((e) => isArchiveName(e.name))) {
    const nestedPath = `${path}!/${entry.name}`;
    if (depth + 1 > state.limits.maxDepth) {
      state.result.problems.push({
        path: nestedPath,
        reason: `nested deeper than ${state.limits.maxDepth} archives`,
      });
      continue;
    }
    const data = await readCounted(zip, entry.name, state.budget, path, state);
    if (data) await scanOne(data, nestedPath, depth + 1, state);
  }
}

async function readText(
  zip: OpenZip,
  name: string,
  path: string,
  state: ScanState,
): Promise<string | undefined> {
  if (!zip.entries.some((entry) => entry.name === name)) return undefined;
  const data = await readCounted(zip, name, Math.min(MAX_TEXT_BYTES, state.budget), path, state);
  return data?.toString('utf8');
}

/** Reads one entry under a cap, charging it to the budget; a failure becomes a problem, not an exception. */
async function readCounted(
  zip: OpenZip,
  name: string,
  cap: number,
  path: string,
  state: ScanState,
): Promise<Buffer | undefined> {
  try {
    const data = await zip.read(name, cap);
    state.budget -= data.length;
    return data;
  } catch (error) {
    state.result.problems.push({ path: `${path}!/${name}`, reason: `cannot read: ${message(error)}` });
    return undefined;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
