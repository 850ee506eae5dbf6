import parse from 'spdx-expression-parse';

/** Joins a package's licences into one SPDX expression, when every part is valid SPDX. */
export function licenseExpression(licenses: readonly string[]): { valid: boolean; text: string } {
  const parts = licenses.map((l) => l.trim()).filter(Boolean);
  if (parts.length === 0) return { valid: false, text: '' };
  const text = parts.length === 1 ? parts[0]! : parts.map((p) => (/\s/.test(p) ? `(${p})` : p)).join(' AND ');
  try {
    parse(text);
    return { valid: true, text };
  } catch {
    return { valid: false, text };
  }
}

/** A LicenseRef id for a licence text that is not SPDX (SPDX ids allow letters, digits, `.` and `-`). */
export function licenseRef(name: string): string {
  return `LicenseRef-${name.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || 'unknown'}`;
}
