import type { IpType } from '../types.js';

/**
 * Autonomous systems of cloud providers → CLOUD_SERVICE_PROVIDER. Google's AS15169 mostly serves
 * Google's own services but also GCP egress, so it counts as gcp.
 */
const providers: [csp: string, asns: number[]][] = [
  ['aws', [16509, 14618, 8987, 7224]],
  ['gcp', [15169, 396982, 19527, 139070, 139190]],
  ['azure', [8075, 8068, 8069, 8070, 8071, 8072, 8073, 8074, 12076]],
  ['oracle', [31898]],
  ['ibm', [36351]],
  ['alibaba', [45102, 37963]],
  ['tencent', [132203, 45090]],
  ['digitalocean', [14061]],
  ['linode', [63949]],
  ['hetzner', [24940, 213230]],
  ['ovh', [16276]],
  ['cloudflare', [13335]],
  ['vultr', [20473]],
  ['scaleway', [12876]],
];

const byAsn = new Map(providers.flatMap(([csp, asns]) => asns.map((asn) => [asn, csp] as const)));

export const NO_CSP = 'no csp';

export function cloudProvider(asn: number | null): string {
  return (asn !== null && byAsn.get(asn)) || NO_CSP;
}

const hosting =
  /hosting|\bhost|cloud|data ?cent(er|re)|datacenter|server|colo(cation)?\b|\bvps\b|dedicated|akamai|fastly|leaseweb|contabo|choopa|m247|\bcdn\b/i;
const education =
  /universit|college|school|academ|institute of technology|polytechn|research and education|\bedu(cation)?\b|\bREN\b|janet|\bdfn\b|renater|internet2|surfnet|eduroam/i;
const isp =
  /telecom|telekom|telefonica|vodafone|communications?\b|broadband|cable|mobile|wireless|comcast|verizon|at&t|charter|spectrum|orange|telstra|internet|\bisp\b|fib(er|re)|\bdsl\b|telco|\btele|sky\b|centurylink|kddi|\bntt\b|chinanet|unicom|china mobile|jio|airtel|virgin media|proximus|swisscom|\bkpn\b|rogers|bell canada|free sas|\bnet(works?)?\b|\bbt\b/i;

/**
 * The seed's IP type from the network's organisation name: hosting (cloud providers and hosters),
 * education, isp, else business. A heuristic over ASN names; operators override it per network.
 */
export function ipTypeOf(organization: string | null, csp: string): IpType | null {
  if (organization === null) return null;
  if (csp !== NO_CSP || hosting.test(organization)) return 'hosting';
  if (education.test(organization)) return 'education';
  if (isp.test(organization)) return 'isp';
  return 'business';
}
