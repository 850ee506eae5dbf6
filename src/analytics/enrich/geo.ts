import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { type CountryResponse, Reader } from 'maxmind';

const require = createRequire(import.meta.url);

/**
 * IP → ISO 3166-1 alpha-2 country from `@ip-location-db/geo-whois-asn-country-mmdb` (GeoFeed, WHOIS and
 * ASN data; CC BY 4.0 by the NRO), read with `maxmind`. The country is the network's registration
 * country, not a measured location.
 */
export class CountryTable {
  private reader: Reader<CountryResponse> | undefined;

  constructor(
    private readonly file = require.resolve(
      '@ip-location-db/geo-whois-asn-country-mmdb/geo-whois-asn-country.mmdb',
    ),
  ) {}

  lookup(ip: string): string | null {
    if (!this.reader) this.reader = new Reader(readFileSync(this.file));
    try {
      const code = (this.reader.get(ip) as { country_code?: string } | null)?.country_code;
      return code && /^[A-Z]{2}$/.test(code) ? code : null;
    } catch {
      return null;
    }
  }
}
