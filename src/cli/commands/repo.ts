import { type Command, Option } from 'commander';
import { AppError } from '../../core/errors.js';
import { orgPath, type ServerClient, savedClient } from '../client/http.js';
import { table } from '../client/table.js';
import type { CliIo } from '../io.js';

interface Overview {
  id: string;
  name: string;
  registryId: string;
  mode: string;
  latest?: {
    tag: string;
    platforms: string[];
    counts?: Record<'critical' | 'high' | 'medium' | 'low', number>;
  };
}

interface Registry {
  id: string;
  url: string;
}

interface OrgFlag {
  org?: string;
}

async function allRepositories(client: ServerClient, search?: string): Promise<Overview[]> {
  const out: Overview[] = [];
  for (let offset = 0; ; offset += 500) {
    const query = new URLSearchParams({
      limit: '500',
      offset: String(offset),
      ...(search ? { search } : {}),
    });
    const page = await client.request<{ items: Overview[]; total: number }>(
      'GET',
      orgPath(client, `/dashboard/repositories?${query}`),
    );
    out.push(...page.items);
    if (offset + 500 >= page.total) return out;
  }
}

/** `team/app`, or `host:port/team/app` when several registries have that name. */
async function findRepository(client: ServerClient, text: string): Promise<Overview> {
  const first = text.split('/')[0] ?? '';
  const host = text.includes('/') && (first === 'localhost' || /[.:]/.test(first)) ? first : undefined;
  const name = host ? text.slice(first.length + 1) : text;
  let matches = (await allRepositories(client, name)).filter((r) => r.name === name);
  const registries = await client.request<{ items: Registry[] }>('GET', orgPath(client, '/registries'));
  const hostOf = (id: string) => {
    const url = registries.items.find((r) => r.id === id)?.url;
    return url ? new URL(url).host : '?';
  };
  if (host) matches = matches.filter((r) => hostOf(r.registryId) === host);
  if (matches.length === 1) return matches[0] as Overview;
  if (matches.length > 1)
    throw new AppError('E_CONFLICT', `${name} is in several registries`, {
      hint: `name one: ${matches.map((r) => `${hostOf(r.registryId)}/${r.name}`).join(', ')}`,
    });
  throw new AppError('E_NOT_FOUND', `no repository ${text} in ${client.org}`, {
    hint: "see 'crowsnest repo list'; repositories appear when the registry notifies or is polled",
  });
}

async function setMode(client: ServerClient, io: CliIo, text: string, mode: string): Promise<void> {
  const repository = await findRepository(client, text);
  const result = await client.request<{ repository: { name: string; mode: string }; enqueued: number }>(
    'PUT',
    orgPath(client, `/repositories/${encodeURIComponent(repository.id)}/settings`),
    { mode },
  );
  const queued = result.enqueued ? `; ${result.enqueued} analyses queued` : '';
  const verb = mode === 'none' ? 'disabled' : `enabled (${mode})`;
  io.stdout(`${result.repository.name}: ${verb}${queued}\n`);
}

function renderList(repositories: Overview[]): string {
  const rows = repositories.map((r) => {
    const counts = r.latest?.counts;
    return [
      r.name,
      r.mode,
      r.latest?.tag ?? '-',
      r.latest?.platforms.join(',') || '-',
      counts ? `${counts.critical}C ${counts.high}H ${counts.medium}M ${counts.low}L` : '-',
    ];
  });
  return table(['REPOSITORY', 'ANALYSIS', 'LATEST TAG', 'OS/ARCH', 'VULNERABILITIES'], rows);
}

export function registerRepo(program: Command, io: CliIo): void {
  const repo = program
    .command('repo')
    .description('the server’s repositories: list them, turn analysis on or off (needs crowsnest login)');
  const org = () => new Option('--org <slug>', 'organization (default: the login’s)');
  repo
    .command('list')
    .description('repositories with their analysis mode, latest tag and its vulnerabilities')
    .addOption(org())
    .option('--search <text>', 'only names containing the text')
    .option('--json', 'print JSON')
    .action(async (flags: OrgFlag & { search?: string; json?: boolean }) => {
      const list = await allRepositories(savedClient(io.env, flags.org), flags.search);
      io.stdout(flags.json ? `${JSON.stringify(list, null, 2)}\n` : renderList(list));
    });
  repo
    .command('enable')
    .description('analyse a repository: its newest tags at once, then every push')
    .argument('<repository>', 'team/app, or registry-host/team/app')
    .addOption(org())
    .addOption(
      new Option('--mode <mode>', 'continuous (kept current) or point-in-time (frozen at push)')
        .choices(['continuous', 'point-in-time'])
        .default('continuous'),
    )
    .action(async (name: string, flags: OrgFlag & { mode: string }) =>
      setMode(savedClient(io.env, flags.org), io, name, flags.mode),
    );
  repo
    .command('disable')
    .description('stop analysing a repository (stored analyses stay)')
    .argument('<repository>', 'team/app, or registry-host/team/app')
    .addOption(org())
    .action(async (name: string, flags: OrgFlag) =>
      setMode(savedClient(io.env, flags.org), io, name, 'none'),
    );
}
