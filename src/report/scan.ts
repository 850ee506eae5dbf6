import { defaultDbPath } from '../advisories/store/paths.js';
import { openAdvisoryDb } from '../advisories/store/reader.js';
import type { AdvisoryDb } from '../advisories/store/types.js';
import type { Limits } from '../core/limits.js';
import { type ImageInput, parseInput } from '../image/input.js';
import type { Platform } from '../image/types.js';
import { matchSbom } from '../match/match.js';
import type { Sbom } from '../sbom/types.js';
import { assembleReport, databaseInfo } from './assemble.js';
import type { Report } from './types.js';

/** Progress a front end can show: `✓ Indexed 187 packages`, `✓ Detected 10 vulnerable packages ...`. */
export type ScanProgress =
  | { stage: 'layer'; index: number; total: number }
  | { stage: 'indexed'; packages: number; cached: boolean }
  | { stage: 'matched'; vulnerablePackages: number; findings: number };

export interface ScanOptions {
  platform?: Platform;
  /** The image to take from an archive or layout holding several. */
  ref?: string;
  limits?: Partial<Limits>;
  insecureRegistries?: string[];
  /** The advisory database (default: `advisories.db` in the cache directory). */
  dbPath?: string;
  /** OpenVEX files, or folders of `*.json`, whose statements apply to the findings. */
  vexLocations?: string[];
  /** Use and fill the SBOM cache (default true). */
  cache?: boolean;
  env?: NodeJS.ProcessEnv;
  onProgress?: (event: ScanProgress) => void;
}

/** Opens the advisory database first, so a missing one fails before any image work (E_DB_MISSING). */
function openDb(options: ScanOptions): AdvisoryDb {
  return openAdvisoryDb(options.dbPath ?? defaultDbPath(options.env ?? process.env));
}

/** Catalogues an image (or reads its cached SBOM). Image code loads only when an image is scanned. */
async function sbomOfImage(input: ImageInput, options: ScanOptions): Promise<Sbom> {
  const [{ openImage }, { buildSbom }] = await Promise.all([
    import('../image/open.js'),
    import('../sbom/build.js'),
  ]);
  const image = await openImage(input, {
    ...(options.platform ? { platform: options.platform } : {}),
    ...(options.ref !== undefined ? { ref: options.ref } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
    ...(options.insecureRegistries ? { insecureRegistries: options.insecureRegistries } : {}),
  });
  try {
    const built = await buildSbom(image, {
      ...(options.limits ? { limits: options.limits } : {}),
      ...(options.cache !== undefined ? { cache: options.cache } : {}),
      ...(options.env ? { env: options.env } : {}),
      onLayer: (summary, total) => options.onProgress?.({ stage: 'layer', index: summary.index, total }),
    });
    options.onProgress?.({ stage: 'indexed', packages: built.sbom.packages.length, cached: built.cached });
    return built.sbom;
  } finally {
    await image.close();
  }
}

async function reportFor(sbom: Sbom, db: AdvisoryDb, options: ScanOptions): Promise<Report> {
  const result = matchSbom(sbom, db);
  let findings = result.findings;
  if (options.vexLocations?.length) {
    const [{ loadVexStatements }, { applyVex, imageIdentity }] = await Promise.all([
      import('../match/vex/load.js'),
      import('../match/vex/apply.js'),
    ]);
    const statements = await loadVexStatements(options.vexLocations);
    const packages = new Map(sbom.packages.map((p) => [p.id, p]));
    findings = applyVex(findings, packages, statements, imageIdentity(sbom.source));
  }
  const report = assembleReport(sbom, { findings, notEvaluated: result.notEvaluated }, databaseInfo(db));
  const visible = report.findings.length - report.summary.suppressed;
  options.onProgress?.({
    stage: 'matched',
    vulnerablePackages: report.summary.vulnerablePackages,
    findings: visible,
  });
  return report;
}

/**
 * Scans an image (any input `parseInput` understands, or `sbom://FILE`) for known vulnerabilities: the
 * report object every renderer draws from.
 */
export async function scan(input: string | ImageInput, options: ScanOptions = {}): Promise<Report> {
  const parsed = typeof input === 'string' ? parseInput(input) : input;
  const db = openDb(options);
  try {
    let sbom: Sbom;
    if (parsed.kind === 'sbom') {
      const { readSbomFile } = await import('../sbom/formats/read-sbom.js');
      sbom = await readSbomFile(parsed.location);
      options.onProgress?.({ stage: 'indexed', packages: sbom.packages.length, cached: false });
    } else {
      sbom = await sbomOfImage(parsed, options);
    }
    return await reportFor(sbom, db, options);
  } finally {
    db.close();
  }
}

/** Matches an SBOM already in hand (stored SBOMs are re-evaluated this way when advisories change). */
export async function scanSbom(sbom: Sbom, options: ScanOptions = {}): Promise<Report> {
  const db = openDb(options);
  try {
    return await reportFor(sbom, db, options);
  } finally {
    db.close();
  }
}
