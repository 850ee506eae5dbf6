import type { CliIo } from './io.js';

/**
 * Progress lines on stderr: rewritten in place on a terminal, plain lines otherwise. stdout never sees them.
 */
export class Progress {
  private live = false;

  constructor(
    private readonly io: CliIo,
    private readonly quiet = false,
  ) {}

  update(text: string): void {
    if (this.quiet || !this.io.isTTY) return;
    this.io.stderr(`\r\x1b[2K${text}`);
    this.live = true;
  }

  done(text: string): void {
    if (this.quiet) return;
    if (this.live) this.io.stderr('\r\x1b[2K');
    this.live = false;
    this.io.stderr(`✓ ${text}\n`);
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = -1;
  do {
    value /= 1000;
    unit += 1;
  } while (value >= 1000 && unit < units.length - 1);
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
