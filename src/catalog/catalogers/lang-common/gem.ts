import { makePurl } from '../../../core/purl.js';

/** `pkg:gem/name@version`, with the `platform` qualifier for native gems (not for the plain `ruby` one). */
export function gemPurl(name: string, version: string, platform?: string): string {
  const qualifiers = platform && platform !== 'ruby' ? { platform } : undefined;
  return makePurl({ type: 'gem', name, version, ...(qualifiers ? { qualifiers } : {}) });
}
