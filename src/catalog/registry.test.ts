import { describe, expect, it } from 'vitest';
import { catalogers, catalogerVersions } from './registry.js';
import { catalogerVersionList } from './versions.js';

describe('cataloger registry', () => {
  it('agrees with the light version list the SBOM cache key uses', () => {
    expect(catalogerVersions(catalogers)).toEqual(catalogerVersionList);
  });

  it('has unique ids and patterns for every cataloger', () => {
    expect(new Set(catalogers.map((c) => c.id)).size).toBe(catalogers.length);
    for (const c of catalogers) expect(c.patterns.length + (c.wants ? 1 : 0), c.id).toBeGreaterThan(0);
  });
});
