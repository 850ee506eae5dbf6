import { type Command, Option } from 'commander';
import { AppError } from '../core/errors.js';
import { type Limits, parseSize } from '../core/limits.js';
import type { OpenImageOptions } from '../image/open.js';
import { parsePlatform } from '../image/platform.js';

export interface ImageFlags {
  platform?: string;
  ref?: string;
  insecureRegistry?: string[];
  maxLayerBytes?: string;
  maxFileBytes?: string;
  maxEntries?: string;
  maxManifestBytes?: string;
}

/** Adds the options every command that reads an image shares. */
export function addImageOptions(command: Command): Command {
  return command
    .option(
      '--platform <os/arch[/variant]>',
      "platform to take from a multi-platform image (default: this machine's)",
    )
    .option('--ref <name>', 'image to take from an archive or OCI layout holding several')
    .option(
      '--insecure-registry <host...>',
      'allow plain HTTP to these registries (loopback is always allowed)',
    )
    .addOption(new Option('--max-layer-bytes <size>', 'cap on one layer uncompressed (e.g. 16G)').hideHelp())
    .addOption(
      new Option('--max-file-bytes <size>', 'cap on one file read into memory (e.g. 256M)').hideHelp(),
    )
    .addOption(new Option('--max-entries <n>', 'cap on tar entries in one image').hideHelp())
    .addOption(new Option('--max-manifest-bytes <size>', 'cap on manifests and configs').hideHelp());
}

function size(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = parseSize(value);
  if (parsed === undefined || parsed <= 0) {
    throw new AppError('E_USAGE', `invalid value "${value}" for --${flag}`, {
      hint: 'write a size such as 512M or 2G',
    });
  }
  return parsed;
}

export function openOptionsFrom(flags: ImageFlags): OpenImageOptions {
  const limits: Partial<Limits> = {};
  const entries: [keyof Limits, string, string | undefined][] = [
    ['maxLayerBytes', 'max-layer-bytes', flags.maxLayerBytes],
    ['maxFileBytes', 'max-file-bytes', flags.maxFileBytes],
    ['maxEntries', 'max-entries', flags.maxEntries],
    ['maxManifestBytes', 'max-manifest-bytes', flags.maxManifestBytes],
  ];
  for (const [key, flag, value] of entries) {
    const parsed = size(flag, value);
    if (parsed !== undefined) limits[key] = parsed;
  }
  return {
    limits,
    ...(flags.platform ? { platform: parsePlatform(flags.platform) } : {}),
    ...(flags.ref !== undefined ? { ref: flags.ref } : {}),
    ...(flags.insecureRegistry ? { insecureRegistries: flags.insecureRegistry } : {}),
  };
}

export function formatOption(allowed: readonly string[], fallback: string): Option {
  return new Option('--format <format>', `output format`).choices([...allowed]).default(fallback);
}
