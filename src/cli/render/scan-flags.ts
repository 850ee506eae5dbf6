import { type Command, Option } from 'commander';
import { parseInput } from '../../image/input.js';
import {
  applyFilters,
  parsePackageTypes,
  parseSeverities,
  type ReportFilters,
  splitList,
} from '../../report/filters.js';
import { plural } from '../../report/renderers/shared/notes.js';
import type { ScanProgress } from '../../report/scan.js';
import type { Report } from '../../report/types.js';
import { addImageOptions, type ImageFlags, openOptionsFrom } from '../image-options.js';
import type { CliIo } from '../io.js';
import { Progress } from '../progress.js';

/** The flags every command that scans an image shares. */
export interface ScanFlags extends ImageFlags {
  db?: string;
  vexLocation?: string[];
  cache: boolean;
}

/** The `cves` filters as commander parses them. */
export interface FilterFlags {
  onlySeverity?: string[];
  onlyPackageType?: string[];
  onlyVulnPackages?: boolean;
  onlyFixed?: boolean;
  onlyUnfixed?: boolean;
  onlyCveId?: string[];
  onlyCisaKev?: boolean;
  ignoreSuppressed?: boolean;
}

/** Repeatable, comma-separated: `--only-severity critical,high --only-severity low`. */
export const collect = (value: string, previous: string[] = []) => [...previous, value];

export function addScanOptions(command: Command): Command {
  command
    .option('--db <file>', 'advisory database file (default: <cache dir>/advisories.db)')
    .option('--vex-location <path>', 'OpenVEX document or folder of them (repeatable)', collect)
    .option('--no-cache', 'ignore cached SBOMs');
  return addImageOptions(command);
}

export function addFilterOptions(command: Command): Command {
  return command
    .option('--only-severity <list>', 'keep these severities: critical,high,medium,low,unspecified', collect)
    .option('--only-package-type <list>', 'keep these package types (deb,npm,...)', collect)
    .option('--only-vuln-packages', 'list only packages that have vulnerabilities')
    .addOption(new Option('--only-fixed', 'keep vulnerabilities that have a fix').conflicts('onlyUnfixed'))
    .option('--only-unfixed', 'keep vulnerabilities without a fix (not fixed, will not fix)')
    .option('--only-cve-id <list>', 'keep these vulnerability ids or aliases', collect)
    .option('--only-cisa-kev', "keep vulnerabilities in CISA's Known Exploited Vulnerabilities catalog")
    .option(
      '--ignore-suppressed',
      'drop vulnerabilities a VEX statement suppresses (default: hidden, counted)',
    );
}

/** Parses the filter flags; bad values fail before any image work. */
export function filtersFrom(flags: FilterFlags): ReportFilters {
  return {
    ...(flags.onlySeverity ? { severities: parseSeverities(flags.onlySeverity) } : {}),
    ...(flags.onlyPackageType ? { packageTypes: parsePackageTypes(flags.onlyPackageType) } : {}),
    ...(flags.onlyCveId ? { ids: splitList(flags.onlyCveId) } : {}),
    onlyVulnerablePackages: Boolean(flags.onlyVulnPackages),
    onlyFixed: Boolean(flags.onlyFixed),
    onlyUnfixed: Boolean(flags.onlyUnfixed),
    onlyKev: Boolean(flags.onlyCisaKev),
    ignoreSuppressed: Boolean(flags.ignoreSuppressed),
  };
}

function progressHandler(progress: Progress, label: string): (event: ScanProgress) => void {
  return (event) => {
    if (event.stage === 'layer') progress.update(`Reading layer ${event.index + 1}/${event.total}${label}`);
    if (event.stage === 'indexed') {
      progress.done(
        event.cached
          ? `SBOM of image already cached, ${plural(event.packages, 'package')} indexed${label}`
          : `Indexed ${plural(event.packages, 'package')}${label}`,
      );
    }
  };
}

/**
 * Scans one input with progress on stderr. The scan core loads lazily, so `--help` and usage errors stay
 * fast. `label` tells two scans apart (compare).
 */
export async function runScan(input: string, flags: ScanFlags, io: CliIo, label = ''): Promise<Report> {
  const parsed = parseInput(input, io.cwd);
  const open = openOptionsFrom(flags);
  const { scan } = await import('../../report/scan.js');
  return scan(parsed, {
    ...open,
    ...(flags.db ? { dbPath: flags.db } : {}),
    ...(flags.vexLocation?.length ? { vexLocations: flags.vexLocation } : {}),
    cache: flags.cache !== false,
    env: io.env,
    onProgress: progressHandler(new Progress(io), label),
  });
}

/** `✗ Detected 10 vulnerable packages with a total of 17 vulnerabilities` / `✓ No vulnerable package detected`. */
export function detectedLine(report: Report): string {
  const total = report.findings.filter((f) => !f.suppressed).length;
  if (total === 0) return '✓ No vulnerable package detected\n';
  const packages = report.summary.vulnerablePackages;
  return `✗ Detected ${plural(packages, 'vulnerable package')} with a total of ${plural(total, 'vulnerability')}\n`;
}

export { applyFilters };
