import type { ManifestRequest } from '../types.js';
import { profiles } from './agents.js';
import { drawIndex, hex, mulberry32, pick, type Random, weightedIndex } from './prng.js';
import { type Client, makeWorld, type Release, type Repo } from './world.js';

export interface GeneratorOptions {
  /** About how many manifest requests to produce (duplicates included). */
  events: number;
  seed?: number;
  /** First day (days since the epoch, UTC) and number of days. */
  startDay: number;
  days: number;
  repos?: number;
  namespaces?: number;
  clients?: number;
  /** Share of requests delivered twice, and of neighbours delivered swapped. */
  duplicates?: number;
  disorder?: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** Weekdays carry about twice the weekend volume; the year-end holidays about half. */
function dayWeight(day: number): number {
  const weekday = (day + 3) % 7 < 5;
  const date = new Date(day * DAY);
  const holiday =
    (date.getUTCMonth() === 11 && date.getUTCDate() >= 24) ||
    (date.getUTCMonth() === 0 && date.getUTCDate() === 1);
  return (weekday ? 1 : 0.5) * (holiday ? 0.45 : 1);
}

function currentRelease(repo: Repo, day: number): Release {
  let current = repo.releases[0] as Release;
  for (const release of repo.releases) if (release.day <= day) current = release;
  return current;
}

/** Office hours (local) for people and CI, any hour for clusters and bots. */
function hourOf(random: Random, client: Client, weekday: boolean): number {
  if ((client.profile === 'desktop' || client.profile === 'ci') && weekday) {
    return (((8 + random() * 11 - client.offset) % 24) + 24) % 24;
  }
  return random() * 24;
}

type Step = ['GET' | 'HEAD', string | null, string];

/** The manifest requests one client makes for one pull (the sequences real clients send). */
function steps(random: Random, client: Client, repo: Repo, release: Release): Step[] {
  const tag = random() < 0.6 ? release.tag : 'latest';
  const platform = repo.multiArch ? pick(random, release.platforms) : null;
  const fetch: Step[] = [
    ['GET', null, release.index],
    ...(platform ? [['GET', null, platform] as Step] : []),
  ];
  switch (client.profile) {
    case 'bot':
      return [['HEAD', tag, release.index]];
    case 'mirror':
      return [['GET', tag, release.index], ...release.platforms.map((p): Step => ['GET', null, p])];
    case 'k8s':
      if (random() < 0.4)
        return random() < 0.5 ? [['HEAD', null, release.index]] : [['HEAD', null, release.index], ...fetch];
      return random() < 0.3 ? [['HEAD', tag, release.index]] : [['HEAD', tag, release.index], ...fetch];
    case 'desktop':
      if (random() < 0.25) return [['HEAD', tag, release.index]];
      if (random() < 0.1)
        return [['GET', tag, release.index], ...(platform ? [['GET', null, platform] as Step] : [])];
      return [['HEAD', tag, release.index], ...fetch];
    default:
      return [['HEAD', tag, release.index], ...fetch];
  }
}

/** A repository from the client's stack; a fresh release (last 3 days) draws six times the pulls. */
function repoFor(random: Random, client: Client, repos: Repo[], day: number): Repo {
  const weights = client.stack.map((i) => {
    const release = currentRelease(repos[i] as Repo, day);
    return day - release.day < 3 ? 6 : 1;
  });
  return repos[client.stack[weightedIndex(random, weights)] as number] as Repo;
}

function clientTable(random: Random, clients: Client[]): Float64Array {
  const cumulative = new Float64Array(clients.length);
  let total = 0;
  clients.forEach((client, i) => {
    total += profiles[client.profile].activity * (0.2 + random() ** 3 * 5);
    cumulative[i] = total;
  });
  return cumulative.map((x) => x / total);
}

/**
 * A realistic synthetic pull workload, one day per batch, as a registry would report it: real client
 * user agents and request sequences, weekday/weekend rhythm and holidays, release bursts, multi-arch
 * pulls, CI version checks, repositories used together, a few duplicates and small reorderings.
 */
export function* generateRequests(options: GeneratorOptions): Generator<ManifestRequest[]> {
  const random = mulberry32(options.seed ?? 1);
  const world = makeWorld(random, {
    repos: options.repos ?? 60,
    namespaces: options.namespaces ?? 12,
    clients: options.clients ?? Math.max(100, Math.min(300_000, Math.round(options.events / 40))),
    startDay: options.startDay,
    days: options.days,
  });
  const table = clientTable(random, world.clients);
  const weights = Array.from({ length: options.days }, (_, d) => dayWeight(options.startDay + d));
  const total = weights.reduce((a, b) => a + b, 0);
  const prefix = `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-a${hex(random, 3)}-`;
  let serial = 0;
  for (let d = 0; d < options.days; d += 1) {
    const day = options.startDay + d;
    const target = Math.round((options.events * (weights[d] as number)) / total);
    const out: ManifestRequest[] = [];
    while (out.length < target) {
      const client = world.clients[drawIndex(random, table)] as Client;
      const repo = repoFor(random, client, world.repos, day);
      const release = currentRelease(repo, day);
      let ts = day * DAY + Math.floor(hourOf(random, client, (day + 3) % 7 < 5) * HOUR);
      for (const [method, tag, digest] of steps(random, client, repo, release)) {
        serial += 1;
        out.push({
          id: prefix + serial.toString(16).padStart(12, '0'),
          ts,
          repository: repo.name,
          method,
          ...(tag === null ? {} : { tag }),
          digest,
          mediaType: repo.multiArch && digest === release.index ? INDEX_TYPE : MANIFEST_TYPE,
          addr: client.addr,
          ...(client.actor ? { actor: client.actor } : {}),
          userAgent: client.userAgent,
        });
        ts += 20 + Math.floor(random() * 300);
      }
    }
    yield deliver(random, out, options);
  }
}

const INDEX_TYPE = 'application/vnd.oci.image.index.v1+json';
const MANIFEST_TYPE = 'application/vnd.oci.image.manifest.v1+json';

function deliver(random: Random, requests: ManifestRequest[], options: GeneratorOptions): ManifestRequest[] {
  requests.sort((a, b) => a.ts - b.ts);
  const disorder = options.disorder ?? 0.01;
  const duplicates = options.duplicates ?? 0.003;
  for (let i = 0; i + 1 < requests.length; i += 1) {
    if (random() < disorder)
      [requests[i], requests[i + 1]] = [requests[i + 1] as ManifestRequest, requests[i] as ManifestRequest];
  }
  if (duplicates === 0) return requests.map(asParsed);
  return requests.flatMap((r) => {
    const parsed = asParsed(r);
    return random() < duplicates ? [parsed, { ...parsed }] : [parsed];
  });
}

/**
 * A request laid out in memory as a parser hands it over: object and event id allocated in delivery
 * order, next to each other. Sorting leaves the objects scattered over the heap in generation order,
 * and an ingest walking them would pay cache misses that parsed input does not have.
 */
function asParsed(request: ManifestRequest): ManifestRequest {
  return { ...request, id: Buffer.from(request.id, 'latin1').toString('latin1') };
}
