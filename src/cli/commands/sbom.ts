import type { Command } from 'commander';
import { AppError } from '../../core/errors.js';
import { parseInput } from '../../image/input.js';
import { openImage } from '../../image/open.js';
import { buildSbom } from '../../sbom/build.js';
import { encodeCycloneDx } from '../../sbom/formats/cyclonedx-encode.js';
import { encodeNative } from '../../sbom/formats/native.js';
import { packageTypes } from '../../sbom/formats/package-types.js';
import { readSbomFile } from '../../sbom/formats/read-sbom.js';
import { encodeSpdx } from '../../sbom/formats/spdx-encode.js';
import type { Sbom } from '../../sbom/types.js';
import { addImageOptions, formatOption, type ImageFlags, openOptionsFrom } from '../image-options.js';
import type { CliIo } from '../io.js';
import { writeOutput } from '../output.js';
import { Progress } from '../progress.js';
import { renderPackageList } from '../render/package-list.js';

interface SbomFlags extends ImageFlags {
  format: 'list' | 'json' | 'cyclonedx' | 'spdx';
  onlyPackageType?: string[];
  output?: string;
  cache: boolean;
}

function onlyTypes(sbom: Sbom, types: string[] | undefined): Sbom {
  if (!types?.length) return sbom;
  const unknown = types.filter((t) => !packageTypes.includes(t as never));
  if (unknown.length) {
    throw new AppError('E_USAGE', `unknown package type ${unknown.join(', ')}`, {
      hint: `types: ${packageTypes.join(', ')}`,
    });
  }
  return { ...sbom, packages: sbom.packages.filter((p) => types.includes(p.type)) };
}

const encoders: Record<SbomFlags['format'], (sbom: Sbom) => string> = {
  list: renderPackageList,
  json: encodeNative,
  cyclonedx: encodeCycloneDx,
  spdx: encodeSpdx,
};

/** Any input to an SBOM: an image is catalogued (or read from the cache); sbom:// is read as it is. */
export async function loadSbom(
  input: string,
  flags: ImageFlags & { cache?: boolean },
  io: CliIo,
): Promise<Sbom> {
  const parsed = parseInput(input, io.cwd);
  if (parsed.kind === 'sbom') return readSbomFile(parsed.location);
  const options = openOptionsFrom(flags);
  const progress = new Progress(io);
  const image = await openImage(parsed, options);
  try {
    const built = await buildSbom(image, {
      ...(options.limits ? { limits: options.limits } : {}),
      cache: flags.cache !== false,
      env: io.env,
      onLayer: (summary, total) => progress.update(`Reading layer ${summary.index + 1}/${total}`),
    });
    progress.done(`${built.cached ? 'SBOM from cache' : 'Indexed'}: ${built.sbom.packages.length} packages`);
    return built.sbom;
  } finally {
    await image.close();
  }
}

export function registerSbom(program: Command, io: CliIo): void {
  const command = program
    .command('sbom')
    .description('list every package in an image (software bill of materials)')
    .argument('<input>', 'image or sbom://FILE')
    .addOption(formatOption(Object.keys(encoders), 'list'))
    .option('--only-package-type <type...>', 'keep only these package types (deb, npm, ...)')
    .option('-o, --output <file>', 'write the SBOM to a file')
    .option('--no-cache', 'ignore cached SBOMs');
  addImageOptions(command).action(async (input: string, flags: SbomFlags) => {
    const sbom = onlyTypes(await loadSbom(input, flags, io), flags.onlyPackageType);
    await writeOutput(io, encoders[flags.format](sbom), flags.output);
  });
}
