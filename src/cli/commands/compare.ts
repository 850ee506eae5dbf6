import { type Command, Option } from 'commander';
import { AppError } from '../../core/errors.js';
import { type Comparison, compareReports, hasPackageChanges } from '../../report/compare.js';
import { splitList } from '../../report/filters.js';
import { renderComparisonMarkdown } from '../../report/renderers/compare/markdown.js';
import { renderComparisonText } from '../../report/renderers/compare/text.js';
import type { CliIo } from '../io.js';
import { writeOutput } from '../output.js';
import {
  addFilterOptions,
  addScanOptions,
  applyFilters,
  collect,
  type FilterFlags,
  filtersFrom,
  runScan,
  type ScanFlags,
} from '../render/scan-flags.js';
import { FINDINGS_EXIT_CODE } from './cves.js';

interface CompareFlags extends ScanFlags, FilterFlags {
  to: string;
  format: 'text' | 'markdown' | 'json';
  exitOn?: string[];
  output?: string;
}

const exitConditions = ['vulnerability', 'package'] as const;
type ExitCondition = (typeof exitConditions)[number];

const formats: Record<CompareFlags['format'], (c: Comparison) => string> = {
  text: renderComparisonText,
  markdown: renderComparisonMarkdown,
  json: (c) => `${JSON.stringify(c, null, 2)}\n`,
};

function parseExitOn(values: string[] | undefined): ExitCondition[] {
  const list = splitList(values).map((v) => v.toLowerCase());
  const unknown = list.filter((v) => !exitConditions.includes(v as ExitCondition));
  if (unknown.length) {
    throw new AppError('E_USAGE', `unknown --exit-on condition ${unknown.join(', ')}`, {
      hint: `conditions: ${exitConditions.join(', ')}`,
    });
  }
  return list as ExitCondition[];
}

function shouldFail(comparison: Comparison, conditions: ExitCondition[]): boolean {
  return (
    (conditions.includes('vulnerability') && comparison.vulnerabilities.introduced.length > 0) ||
    (conditions.includes('package') && hasPackageChanges(comparison))
  );
}

export function registerCompare(program: Command, io: CliIo, setExitCode: (code: number) => void): void {
  const command = program
    .command('compare')
    .description(
      'compare an image with another: packages added, removed, changed; vulnerabilities fixed, introduced',
    )
    .argument('<input>', 'the image under review (any input cves takes)')
    .requiredOption('--to <input>', 'the image to compare with (the baseline)')
    .addOption(new Option('--format <format>', 'output format').choices(Object.keys(formats)).default('text'))
    .option(
      '--exit-on <list>',
      'exit with code 2 on: vulnerability (new vulnerabilities), package (package changes)',
      collect,
    )
    .option('-o, --output <file>', 'write the result to a file instead of stdout');
  addFilterOptions(command);
  addScanOptions(command).action(async (input: string, flags: CompareFlags) => {
    const conditions = parseExitOn(flags.exitOn);
    const filters = filtersFrom(flags);
    const image = applyFilters(await runScan(input, flags, io, ` (${input})`), filters);
    const baseline = applyFilters(await runScan(flags.to, flags, io, ` (${flags.to})`), filters);
    const comparison = compareReports(image, baseline);
    await writeOutput(io, formats[flags.format](comparison), flags.output);
    if (shouldFail(comparison, conditions)) setExitCode(FINDINGS_EXIT_CODE);
  });
}
