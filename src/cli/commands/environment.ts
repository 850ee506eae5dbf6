import type { Command } from 'commander';
import { shortDigest } from '../../core/digest.js';
import { orgPath, type ServerClient, savedClient } from '../client/http.js';
import { table } from '../client/table.js';
import type { CliIo } from '../io.js';

interface EnvironmentImage {
  environment: string;
  repository: { name: string };
  digest: string;
  tags: string[];
  recordedAt: string;
  recordedBy?: string;
  images: {
    platform?: string;
    summary: { counts: Record<'critical' | 'high' | 'medium' | 'low', number> };
  }[];
}

interface Environment {
  name: string;
  images: EnvironmentImage[];
}

interface Flags {
  org?: string;
  json?: boolean;
}

function rows(environments: Environment[]): string[][] {
  return environments.flatMap((environment) =>
    environment.images.map((image) => {
      const counts = image.images[0]?.summary.counts;
      return [
        environment.name,
        image.repository.name,
        image.tags.join(',') || '-',
        shortDigest(image.digest),
        counts ? `${counts.critical}C ${counts.high}H ${counts.medium}M ${counts.low}L` : 'not analysed',
        image.recordedAt.slice(0, 19).replace('T', ' '),
      ];
    }),
  );
}

async function list(client: ServerClient, io: CliIo, flags: Flags, name?: string): Promise<void> {
  const environments = name
    ? [await client.request<Environment>('GET', orgPath(client, `/environments/${encodeURIComponent(name)}`))]
    : (await client.request<{ items: Environment[] }>('GET', orgPath(client, '/environments?limit=500')))
        .items;
  if (flags.json) return io.stdout(`${JSON.stringify(environments, null, 2)}\n`);
  if (!environments.length) {
    return io.stdout("no environments yet: record one with 'crowsnest environment ENV IMAGE'\n");
  }
  io.stdout(
    table(['ENVIRONMENT', 'REPOSITORY', 'TAGS', 'DIGEST', 'VULNERABILITIES', 'RECORDED'], rows(environments)),
  );
}

export function registerEnvironment(program: Command, io: CliIo): void {
  program
    .command('environment')
    .description('record which image runs in an environment, or list environments (needs crowsnest login)')
    .argument('[environment]', "production, staging, …; 'list' (or nothing) lists every environment")
    .argument('[image]', 'the image to record: [registry-host/]repository[:tag][@digest]')
    .option('--org <slug>', 'organization (default: the login’s)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  crowsnest environment production 127.0.0.1:5000/team/app:1.4\n  crowsnest environment production\n  crowsnest environment list',
    )
    .action(async (environment: string | undefined, image: string | undefined, flags: Flags) => {
      const client = savedClient(io.env, flags.org);
      if (!image) return list(client, io, flags, environment === 'list' ? undefined : environment);
      const recorded = await client.request<EnvironmentImage>('POST', orgPath(client, '/environments'), {
        environment,
        image,
      });
      if (flags.json) return io.stdout(`${JSON.stringify(recorded, null, 2)}\n`);
      const platforms = recorded.images.map((i) => i.platform).filter(Boolean);
      const analysed = platforms.length ? ` (${platforms.join(', ')})` : ' (not analysed yet)';
      io.stdout(
        `${recorded.repository.name}@${recorded.digest} recorded in ${recorded.environment}${analysed}\n`,
      );
    });
}
