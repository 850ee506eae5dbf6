import { describe, expect, it } from 'vitest';
import { parseInput } from './input.js';

describe('parseInput', () => {
  it.each([
    ['alpine', 'registry', 'alpine'],
    ['registry://ghcr.io/a/b:1', 'registry', 'ghcr.io/a/b:1'],
    ['archive://x.tar', 'docker-archive', '/w/x.tar'],
    ['oci-dir://layout', 'oci-layout', '/w/layout'],
    ['oci-archive:///abs/o.tar', 'oci-archive', '/abs/o.tar'],
    ['fs://.', 'directory', '/w'],
    ['sbom://bom.json', 'sbom', '/w/bom.json'],
  ])('%s → %s', (text, kind, location) => {
    expect(parseInput(text, '/w')).toMatchObject({ kind, location });
  });

  it.each([
    ['', /no image/],
    ['image://alpine', /Docker engine/],
    ['s3://bucket/x', /unknown input prefix/],
    ['./app.tar', /looks like a path/],
    ['archive://', /needs a path/],
  ])('refuses %j', (text, message) => {
    expect(() => parseInput(text, '/w')).toThrow(message);
  });
});
