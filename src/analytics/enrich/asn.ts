import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ipaddr from 'ipaddr.js';

export interface AsnRecord {
  asn: number;
  organization: string;
}

const require = createRequire(import.meta.url);

/** `org` may be quoted with doubled quotes inside, as CSV does. */
function unquote(field: string): string {
  const trimmed = field.trim();
  if (trimmed.startsWith('"') && trimmed.endsWith('"')) return trimmed.slice(1, -1).replace(/""/g, '"');
  return trimmed;
}

/** Calls `row(start, end, asn, org)` for each `start,end,asn,org` line of an ip-location-db CSV. */
function eachRow(text: string, row: (start: string, end: string, asn: number, org: string) => void): void {
  let at = 0;
  while (at < text.length) {
    let eol = text.indexOf('\n', at);
    if (eol < 0) eol = text.length;
    const c1 = text.indexOf(',', at);
    const c2 = text.indexOf(',', c1 + 1);
    const c3 = text.indexOf(',', c2 + 1);
    if (c1 > at && c3 > c2 && c3 < eol) {
      row(
        text.slice(at, c1),
        text.slice(c1 + 1, c2),
        Number(text.slice(c2 + 1, c3)),
        text.slice(c3 + 1, eol),
      );
    }
    at = eol + 1;
  }
}

export function ipv4Number(ip: string): number {
  let value = 0;
  let part = 0;
  for (let i = 0; i < ip.length; i += 1) {
    const c = ip.charCodeAt(i);
    if (c === 46) {
      value = value * 256 + part;
      part = 0;
    } else part = part * 10 + (c - 48);
  }
  return value * 256 + part;
}

export function ipv6Hex(ip: string): string {
  return Buffer.from(ipaddr.IPv6.parse(ip).toByteArray()).toString('hex');
}

/** Sorted inclusive ranges with a binary search; keys are numbers (IPv4) or 32-hex strings (IPv6). */
class RangeTable<K extends number | string> {
  starts: K[] = [];
  ends: K[] = [];
  asns: number[] = [];

  find(key: K): number | null {
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.starts[mid] as K) <= key) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return found >= 0 && key <= (this.ends[found] as K) ? (this.asns[found] as number) : null;
  }
}

/**
 * IP → autonomous system and its organisation, from `@ip-location-db/asn` (RouteViews, NRO and DB-IP
 * data, CC BY 4.0). Each family's table is read on first use.
 */
export class AsnTable {
  private v4: RangeTable<number> | undefined;
  private v6: RangeTable<string> | undefined;
  private readonly organizations = new Map<number, string>();

  constructor(
    private readonly files = {
      v4: require.resolve('@ip-location-db/asn/asn-ipv4-num.csv'),
      v6: require.resolve('@ip-location-db/asn/asn-ipv6.csv'),
    },
  ) {}

  lookup(ip: string): AsnRecord | null {
    const asn = ip.includes(':') ? this.table6().find(ipv6Hex(ip)) : this.table4().find(ipv4Number(ip));
    if (asn === null) return null;
    return { asn, organization: this.organizations.get(asn) ?? `AS${asn}` };
  }

  /** The IPv4 ranges (start, end, asn; numeric, sorted), for the synthetic generator to draw addresses from. */
  ipv4Ranges(): { starts: readonly number[]; ends: readonly number[]; asns: readonly number[] } {
    return this.table4();
  }

  organizationOf(asn: number): string | null {
    this.table4();
    return this.organizations.get(asn) ?? null;
  }

  private remember(asn: number, org: string): void {
    if (!this.organizations.has(asn)) this.organizations.set(asn, unquote(org));
  }

  private table4(): RangeTable<number> {
    if (this.v4) return this.v4;
    const table = new RangeTable<number>();
    eachRow(readFileSync(this.files.v4, 'utf8'), (start, end, asn, org) => {
      table.starts.push(Number(start));
      table.ends.push(Number(end));
      table.asns.push(asn);
      this.remember(asn, org);
    });
    this.v4 = table;
    return table;
  }

  private table6(): RangeTable<string> {
    if (this.v6) return this.v6;
    const table = new RangeTable<string>();
    eachRow(readFileSync(this.files.v6, 'utf8'), (start, end, asn, org) => {
      table.starts.push(ipv6Hex(start));
      table.ends.push(ipv6Hex(end));
      table.asns.push(asn);
      this.remember(asn, org);
    });
    this.v6 = table;
    return table;
  }
}
