import type { Command } from 'commander';
import { parseInput } from '../../image/input.js';
import { inspectImage } from '../../image/inspect.js';
import { openImage, readTree } from '../../image/open.js';
import { addImageOptions, formatOption, type ImageFlags, openOptionsFrom } from '../image-options.js';
import type { CliIo } from '../io.js';
import { writeOutput } from '../output.js';
import { Progress } from '../progress.js';
import { renderInspectText } from '../render/inspect-text.js';

interface InspectFlags extends ImageFlags {
  format: 'text' | 'json';
  output?: string;
}

export function registerInspect(program: Command, io: CliIo): void {
  const command = program
    .command('inspect')
    .description('show an image: digest, platform, config and its layers, earliest first')
    .argument(
      '<input>',
      'image: REF | registry://REF | archive://FILE | oci-dir://DIR | oci-archive://FILE | fs://DIR',
    )
    .addOption(formatOption(['text', 'json'], 'text'))
    .option('-o, --output <file>', 'write the result to a file instead of stdout');
  addImageOptions(command).action(async (input: string, flags: InspectFlags) => {
    const progress = new Progress(io);
    const options = openOptionsFrom(flags);
    const image = await openImage(parseInput(input, io.cwd), options);
    try {
      const tree = await readTree(image, {
        ...(options.limits ? { limits: options.limits } : {}),
        onLayer: (summary, total) => progress.update(`Reading layer ${summary.index + 1}/${total}`),
      });
      progress.done(`Read ${image.layers.length} layers, ${tree.size} files`);
      const report = inspectImage(image, tree);
      await tree.close();
      const text =
        flags.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderInspectText(report);
      await writeOutput(io, text, flags.output);
    } finally {
      await image.close();
    }
  });
}
