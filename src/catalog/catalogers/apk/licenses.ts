import parse from 'spdx-expression-parse';

function isSpdx(text: string): boolean {
  try {
    parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * The `L:` field: an SPDX expression in current Alpine (`MIT AND BSD-2-Clause`), a space-separated list of
 * ids in older packages (`MIT BSD`), free text elsewhere. Valid SPDX is kept as one expression, a list of
 * valid ids becomes one licence each, anything else is kept as declared.
 */
export function apkLicenses(declared: string | undefined): string[] {
  const text = declared?.trim();
  if (!text) return [];
  if (isSpdx(text)) return [text];
  const tokens = text.split(/\s+/);
  if (tokens.length > 1 && tokens.every(isSpdx)) return tokens;
  return [text];
}
