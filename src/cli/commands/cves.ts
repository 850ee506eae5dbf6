import type { Command } from 'commander';
import { remainingFindings } from '../../report/filters.js';
import { renderExplanation } from '../../report/renderers/explain/explain.js';
import { rendererFor, reportFormats } from '../../report/renderers/registry.js';
import { formatOption } from '../image-options.js';
import type { CliIo } from '../io.js';
import { writeOutput } from '../output.js';
import {
  addFilterOptions,
  addScanOptions,
  applyFilters,
  detectedLine,
  type FilterFlags,
  filtersFrom,
  runScan,
  type ScanFlags,
} from '../render/scan-flags.js';

interface CvesFlags extends ScanFlags, FilterFlags {
  format: string;
  locations?: boolean;
  exitCode?: boolean;
  output?: string;
  explain?: string;
}

const inputHelp =
  'image: REF | registry://REF | archive://FILE | oci-dir://DIR | oci-archive://FILE | fs://DIR | sbom://FILE';

/** Exit code 2 when findings remain after the filters: Docker Scout's `--exit-code`. */
export const FINDINGS_EXIT_CODE = 2;

async function runCves(
  input: string,
  flags: CvesFlags,
  io: CliIo,
  setExitCode: (code: number) => void,
): Promise<void> {
  const filters = filtersFrom(flags);
  const report = applyFilters(await runScan(input, flags, io), filters);
  io.stderr(detectedLine(report));
  const text = flags.explain
    ? renderExplanation(report, flags.explain)
    : rendererFor(flags.format)!.render(report, { locations: Boolean(flags.locations) });
  await writeOutput(io, text, flags.output);
  if (flags.exitCode && remainingFindings(report).length > 0) setExitCode(FINDINGS_EXIT_CODE);
}

export function registerCves(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = program
    .command('cves')
    .description('list the known vulnerabilities of an image, grouped by package, worst first')
    .argument('<input>', inputHelp)
    .addOption(formatOption(reportFormats, 'packages'))
    .option('--locations', 'show the files each package was found in, with their layer')
    .option('--exit-code', 'exit with code 2 when vulnerabilities remain after the filters')
    .option('-o, --output <file>', 'write the result to a file instead of stdout')
    .option(
      '--explain <id>',
      'explain one finding: the file, layer, advisory records and range that matched',
    );
  addFilterOptions(command);
  addScanOptions(command).action((input: string, flags: CvesFlags) => runCves(input, flags, io, setExitCode));
}

/** `crowsnest why ID INPUT`: `cves INPUT --explain ID` under the name people reach for. */
export function registerWhy(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = program
    .command('why')
    .description('explain why an image is reported for a vulnerability (same as cves --explain)')
    .argument('<id>', 'vulnerability id or alias (CVE-..., GHSA-..., DSA-...)')
    .argument('<input>', inputHelp)
    .option('--ignore-suppressed', 'drop vulnerabilities a VEX statement suppresses')
    .option('-o, --output <file>', 'write the result to a file instead of stdout');
  addScanOptions(command).action((id: string, input: string, flags: CvesFlags) =>
    runCves(input, { ...flags, format: 'packages', explain: id }, io, setExitCode),
  );
}
