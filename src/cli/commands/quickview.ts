import type { Command } from 'commander';
import { quickviewRows, renderQuickview } from '../../report/renderers/quickview/quickview.js';
import type { CliIo } from '../io.js';
import { writeOutput } from '../output.js';
import { addScanOptions, applyFilters, runScan, type ScanFlags } from '../render/scan-flags.js';

interface QuickviewFlags extends ScanFlags {
  ignoreSuppressed?: boolean;
  output?: string;
}

export function registerQuickview(program: Command, io: CliIo): void {
  const command = program
    .command('quickview')
    .description('one-screen summary of an image: its vulnerability counts by severity')
    .argument(
      '<input>',
      'image: REF | registry://REF | archive://FILE | oci-dir://DIR | oci-archive://FILE | fs://DIR | sbom://FILE',
    )
    .option('--ignore-suppressed', 'drop vulnerabilities a VEX statement suppresses')
    .option('-o, --output <file>', 'write the result to a file instead of stdout');
  addScanOptions(command).action(async (input: string, flags: QuickviewFlags) => {
    const report = applyFilters(await runScan(input, flags, io), {
      ignoreSuppressed: Boolean(flags.ignoreSuppressed),
    });
    await writeOutput(io, `\n${renderQuickview(quickviewRows(report))}`, flags.output);
    // the hint is for people, so it goes with the progress lines: stdout stays the result alone
    io.stderr(`\nWhat's next:\n    View vulnerabilities → crowsnest cves ${input}\n`);
  });
}
