import { AsnTable } from '../enrich/asn.js';
import { cloudProvider, ipTypeOf, NO_CSP } from '../enrich/cloud.js';
import { agents, type Profile, profiles } from './agents.js';
import { drawIndex, hex, pick, type Random, weightedIndex, zipfTable } from './prng.js';

export interface Release {
  day: number;
  tag: string;
  index: string;
  platforms: string[];
}

export interface Repo {
  name: string;
  multiArch: boolean;
  releases: Release[];
}

export interface Client {
  addr: string;
  actor?: string;
  userAgent: string;
  profile: Profile;
  /** Repositories this client uses (its stack): the source of co-usage for technographic reports. */
  stack: number[];
  /** Hours added to UTC for its office hours. */
  offset: number;
}

export interface WorldOptions {
  repos: number;
  namespaces: number;
  clients: number;
  startDay: number;
  days: number;
}

function makeRepos(random: Random, options: WorldOptions): Repo[] {
  return Array.from({ length: options.repos }, (_, i) => {
    const multiArch = random() < 0.6;
    const releases: Release[] = [];
    let day = options.startDay - Math.floor(random() * 30);
    for (let minor = 0; day < options.startDay + options.days; minor += 1) {
      releases.push({
        day,
        tag: `1.${minor}.${Math.floor(random() * 5)}`,
        index: `sha256:${hex(random, 64)}`,
        platforms: multiArch ? [`sha256:${hex(random, 64)}`, `sha256:${hex(random, 64)}`] : [],
      });
      day += 7 + Math.floor(random() * 35);
    }
    return { name: `ns${i % options.namespaces}/image${i}`, multiArch, releases };
  });
}

interface Pools {
  pools: number[][];
  starts: readonly number[];
  ends: readonly number[];
}

let cachedPools: Pools | undefined;

/** IPv4 ranges of the ASN data grouped as cloud, business, isp and education networks (built once). */
function networkPools(): Pools {
  if (cachedPools) return cachedPools;
  const table = new AsnTable();
  const { starts, ends, asns } = table.ipv4Ranges();
  const pools: number[][] = [[], [], [], []];
  const kinds = new Map<number, number>();
  for (let i = 0; i < asns.length; i += 1) {
    const asn = asns[i] as number;
    let kind = kinds.get(asn);
    if (kind === undefined) {
      const csp = cloudProvider(asn);
      const type = ipTypeOf(table.organizationOf(asn), csp);
      kind =
        csp !== NO_CSP ? 0 : type === 'business' ? 1 : type === 'isp' ? 2 : type === 'education' ? 3 : -1;
      kinds.set(asn, kind);
    }
    if (kind >= 0) (pools[kind] as number[]).push(i);
  }
  cachedPools = { pools, starts, ends };
  return cachedPools;
}

function ipv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

function makeClients(random: Random, options: WorldOptions): Client[] {
  const { pools, starts, ends } = networkPools();
  const stackTable = zipfTable(options.repos, 1.1);
  const order = Object.keys(profiles) as Profile[];
  return Array.from({ length: options.clients }, (_, i) => {
    const profile = order[
      weightedIndex(
        random,
        order.map((p) => profiles[p].share),
      )
    ] as Profile;
    const { networks, signedIn } = profiles[profile];
    const pool = pools[weightedIndex(random, networks)] as number[];
    const range = pick(random, pool);
    const start = starts[range] as number;
    const addr = ipv4(start + Math.floor(random() * ((ends[range] as number) - start + 1)));
    const stack = Array.from({ length: 1 + Math.floor(random() * 4) }, () => drawIndex(random, stackTable));
    return {
      addr,
      ...(random() < signedIn ? { actor: `user${i}` } : {}),
      userAgent: pick(random, agents[profile]),
      profile,
      stack: [...new Set(stack)],
      offset: pick(random, [-8, -5, 0, 1, 2, 5.5, 8, 9]),
    };
  });
}

export function makeWorld(random: Random, options: WorldOptions): { repos: Repo[]; clients: Client[] } {
  return { repos: makeRepos(random, options), clients: makeClients(random, options) };
}
