import { ecosystemKey, packageKey } from '../../advisories/ecosystems.js';
import type { Advisory, EpssEntry, KevEntry } from '../../advisories/model.js';
import type { AdvisorySource } from '../types.js';

/**
 * One look-up per key within a scan: an image often holds the same package many times (one jar in three
 * wars, one module in four binaries), and findings ask for the same alias group from every package it hits.
 * Keys use the store's own normalisation, so `PyPI`/`pypi` and `Zope.Interface`/`zope-interface` share one.
 */
export class CachedSource implements AdvisorySource {
  private readonly packages = new Map<string, Advisory[]>();
  private readonly aliases = new Map<string, Advisory[]>();
  private readonly kevs = new Map<string, KevEntry | undefined>();
  private readonly epsses = new Map<string, EpssEntry | undefined>();
  /** How many times the underlying source was asked, by method: for tests and benchmarks. */
  readonly lookups = { byPackage: 0, byAlias: 0, kev: 0, epss: 0 };

  constructor(private readonly source: AdvisorySource) {}

  byPackage(ecosystem: string, name: string): Advisory[] {
    const key = `${ecosystemKey(ecosystem)}\u0000${packageKey(ecosystem, name)}`;
    let found = this.packages.get(key);
    if (!found) {
      this.lookups.byPackage++;
      found = this.source.byPackage(ecosystem, name);
      this.packages.set(key, found);
    }
    return found;
  }

  byAlias(id: string): Advisory[] {
    const key = id.trim().toUpperCase();
    let found = this.aliases.get(key);
    if (!found) {
      this.lookups.byAlias++;
      found = this.source.byAlias(key);
      this.aliases.set(key, found);
    }
    return found;
  }

  kev(cve: string): KevEntry | undefined {
    const key = cve.trim().toUpperCase();
    if (!this.kevs.has(key)) {
      this.lookups.kev++;
      this.kevs.set(key, this.source.kev(key));
    }
    return this.kevs.get(key);
  }

  epss(cve: string): EpssEntry | undefined {
    const key = cve.trim().toUpperCase();
    if (!this.epsses.has(key)) {
      this.lookups.epss++;
      this.epsses.set(key, this.source.epss(key));
    }
    return this.epsses.get(key);
  }
}
