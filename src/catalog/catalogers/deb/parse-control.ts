/** One deb822 paragraph: field names lower-cased (dpkg treats them case-insensitively), values as written. */
export type Paragraph = Map<string, string>;

/**
 * deb822 as dpkg writes it (status, status.d, copyright-format files): paragraphs separated by blank lines,
 * `Field: value` lines, continuation lines starting with a space or tab (joined with `\n`), `#` comment
 * lines. Lines that are none of these are skipped, never fatal.
 */
export function parseParagraphs(text: string): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  let current: Paragraph | undefined;
  let lastField: string | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      if (current) paragraphs.push(current);
      current = undefined;
      lastField = undefined;
      continue;
    }
    if (line.startsWith('#')) continue;
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (current && lastField !== undefined)
        current.set(lastField, `${current.get(lastField)}\n${line.slice(1)}`);
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    current ??= new Map();
    lastField = line.slice(0, colon).trim().toLowerCase();
    current.set(lastField, line.slice(colon + 1).trim());
  }
  if (current) paragraphs.push(current);
  return paragraphs;
}
