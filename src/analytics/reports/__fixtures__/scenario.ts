import { settingsSchema } from '../../settings.js';
import type { ManifestRequest } from '../../types.js';

/**
 * A small, fixed week of pulls (ISO week 2026-W40, 28 Sep – 4 Oct 2026, which straddles two months)
 * from real networks, used by the golden CSV, threshold, exclusion and privacy tests. Addresses are
 * real public ones so the country, ASN and cloud data apply; they must never show up in any output.
 */
export const INDEX = `sha256:${'1'.repeat(64)}`;
export const AMD64 = `sha256:${'2'.repeat(64)}`;
export const CACHE = `sha256:${'3'.repeat(64)}`;
export const DB = `sha256:${'4'.repeat(64)}`;

export const UA = {
  desktop:
    'docker/24.0.2 go/go1.20.4 git-commit/8d67d0c1a8 kernel/5.15.49-linuxkit-pr os/linux arch/arm64 UpstreamClient(Docker-Client/24.0.2 \\(darwin\\))',
  containerd: 'containerd/1.6.21+unknown',
  renovate: 'RenovateBot/37.440.7 (https://github.com/renovatebot/renovate)',
  buildkit: 'buildkit/v0.11 moby/v24.0',
};

export const scenarioSettings = settingsSchema.parse({
  publishers: {
    acme: {
      id: 'pub-0001',
      namespaces: ['acme', 'acme-labs'],
      trackedDomains: ['apple.example', 'bigco.example'],
    },
  },
  badges: { 'acme/app': ['verified_publisher'], 'acme-labs/tool': ['sponsored_oss'] },
  organizations: { 'Apple Inc.': 'apple.example' },
  users: { alice: 'alice@bigco.example', bob: 'bob@mailinator.com', carol: 'carol@mit.edu' },
});

let sequence = 0;
const at = (day: number, hour: number, second = 0) => Date.UTC(2026, 8, 28 + day, hour, 0, second);

function req(
  ts: number,
  repository: string,
  method: 'GET' | 'HEAD',
  ref: string,
  digest: string,
  addr: string,
  userAgent: string,
  actor?: string,
): ManifestRequest {
  sequence += 1;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    ts,
    repository,
    method,
    ...(ref.startsWith('sha256:') ? {} : { tag: ref }),
    digest,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    addr,
    userAgent,
    ...(actor ? { actor } : {}),
  };
}

/** The client addresses the privacy test greps for. */
export const scenarioAddresses: string[] = [];

export function scenarioRequests(): ManifestRequest[] {
  sequence = 0;
  scenarioAddresses.length = 0;
  const out: ManifestRequest[] = [];
  const use = (addr: string) => {
    if (!scenarioAddresses.includes(addr)) scenarioAddresses.push(addr);
    return addr;
  };
  // 12 developers on a business network pull acme/app and other/cache: a pair above the threshold
  for (let i = 0; i < 12; i += 1) {
    const ip = use(`17.253.144.${10 + i}`);
    out.push(req(at(1, 9 + (i % 8)), 'acme/app', 'GET', '1.0', INDEX, ip, UA.desktop));
    out.push(req(at(2, 10 + (i % 6)), 'other/cache', 'GET', '7', CACHE, ip, UA.desktop));
  }
  // 9 home users pull acme/app (multi-arch, HEAD first) and acme/db: a pair below the threshold
  for (let i = 0; i < 9; i += 1) {
    const ip = use(`24.1.2.${10 + i}`);
    out.push(req(at(4, 20, i * 10), 'acme/app', 'HEAD', '1.0', INDEX, ip, UA.containerd));
    out.push(req(at(4, 20, i * 10 + 1), 'acme/app', 'GET', INDEX, INDEX, ip, UA.containerd));
    out.push(req(at(4, 20, i * 10 + 2), 'acme/app', 'GET', AMD64, AMD64, ip, UA.containerd));
    out.push(req(at(4, 21), 'acme/db', 'GET', DB, DB, ip, UA.containerd));
  }
  // a CI bot on AWS checks for new versions five times
  for (let i = 0; i < 5; i += 1)
    out.push(req(at(3, 6 + i), 'acme/app', 'HEAD', '1.0', INDEX, use('3.5.140.2'), UA.renovate));
  // signed-in users: a company email, a disposable one, a university one
  out.push(req(at(0, 8), 'acme/app', 'GET', '1.0', INDEX, use('20.42.65.1'), UA.buildkit, 'alice'));
  out.push(req(at(0, 9), 'acme/app', 'GET', '1.0', INDEX, use('17.253.144.99'), UA.desktop, 'bob'));
  out.push(req(at(5, 9), 'acme-labs/tool', 'GET', 'latest', DB, use('18.7.22.83'), UA.desktop, 'carol'));
  // outside the week on both sides
  out.push(req(at(-1, 23), 'acme/app', 'GET', '1.0', INDEX, use('81.2.69.160'), UA.desktop));
  out.push(req(at(7, 0), 'acme/app', 'GET', '1.0', INDEX, use('81.2.69.160'), UA.desktop));
  return out;
}

/** The same requests as a registry would deliver them: neighbours swapped, every seventh one twice. */
export function deliveredOutOfOrder(requests: ManifestRequest[]): ManifestRequest[] {
  const sorted = [...requests].sort((a, b) => a.ts - b.ts);
  for (let i = 0; i + 1 < sorted.length; i += 3) {
    [sorted[i], sorted[i + 1]] = [sorted[i + 1] as ManifestRequest, sorted[i] as ManifestRequest];
  }
  return sorted.flatMap((request, i) => (i % 7 === 0 ? [request, { ...request }] : [request]));
}
