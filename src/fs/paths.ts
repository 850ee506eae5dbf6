import { AppError } from '../core/errors.js';

/**
 * Normalises a tar entry name to an absolute image path: `./etc/x`, `etc/x/`, `/etc//x` → `/etc/x`.
 * A name that climbs above the root (`../x`, `a/../../x`) is refused: an image that tries it is hostile.
 */
export function normaliseEntryName(name: string, where: string): string {
  const parts: string[] = [];
  for (const part of name.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) {
        throw new AppError(
          'E_LAYER_UNSAFE_PATH',
          `tar entry "${printable(name)}" points outside the image root`,
          {
            where,
            hint: 'the layer is hostile or broken; do not run this image',
          },
        );
      }
      parts.pop();
      continue;
    }
    parts.push(part);
  }
  return `/${parts.join('/')}`;
}

export function splitPath(path: string): string[] {
  return path.split('/').filter((part) => part !== '' && part !== '.');
}

export function joinPath(parts: readonly string[]): string {
  return `/${parts.join('/')}`;
}

export function dirname(path: string): string {
  const index = path.lastIndexOf('/');
  return index <= 0 ? '/' : path.slice(0, index);
}

export function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Keeps control characters out of one-line messages. */
export function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const clean = text.replace(/[\x00-\x1f\x7f]/g, '?');
  return clean.length > 120 ? `${clean.slice(0, 117)}...` : clean;
}
