import ipaddr from 'ipaddr.js';
import type { AnalyticsSettings } from '../settings.js';
import type { IpType, NetworkInfo } from '../types.js';
import type { AsnTable } from './asn.js';
import { cloudProvider, ipTypeOf, NO_CSP } from './cloud.js';
import type { CountryTable } from './geo.js';

export interface DomainPair {
  domain: string | null;
  company: string | null;
}

export interface ClientNetwork extends NetworkInfo {
  /** The company domain the operator mapped to this network's organisation, if any. */
  mappedDomain: string | null;
}

interface KnownNetwork {
  range: [ipaddr.IPv4 | ipaddr.IPv6, number];
  entry: AnalyticsSettings['networks'][number];
}

/** IP → country, organisation, cloud provider and IP type (callers cache per address, in memory only). */
export class NetworkResolver {
  private readonly known: KnownNetwork[];

  constructor(
    private readonly asn: AsnTable,
    private readonly geo: CountryTable,
    private readonly settings: AnalyticsSettings,
  ) {
    this.known = settings.networks.flatMap((entry) => {
      try {
        return [{ range: ipaddr.parseCIDR(entry.cidr), entry }];
      } catch {
        return [];
      }
    });
  }

  resolve(ip: string): ClientNetwork {
    return this.known.length ? (this.fromSettings(ip) ?? this.lookup(ip)) : this.lookup(ip);
  }

  private fromSettings(ip: string): ClientNetwork | null {
    let address: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      address = ipaddr.parse(ip);
    } catch {
      return null;
    }
    const hit = this.known.find(({ range }) => address.kind() === range[0].kind() && address.match(range));
    if (!hit) return null;
    const { entry } = hit;
    const csp = entry.csp ?? NO_CSP;
    return {
      country: entry.country ?? this.geo.lookup(ip),
      asn: null,
      organization: entry.organization,
      csp,
      ipType: (entry.type ?? ipTypeOf(entry.organization, csp)) as IpType | null,
      mappedDomain: entry.domain ?? this.settings.organizations[entry.organization] ?? null,
    };
  }

  private lookup(ip: string): ClientNetwork {
    const record = this.asn.lookup(ip);
    const organization = record?.organization ?? null;
    const csp = cloudProvider(record?.asn ?? null);
    return {
      country: this.geo.lookup(ip),
      asn: record?.asn ?? null,
      organization,
      csp,
      ipType: ipTypeOf(organization, csp),
      mappedDomain: organization === null ? null : (this.settings.organizations[organization] ?? null),
    };
  }
}
