import { describe, expect, it } from 'vitest';
import { captureIo } from './io.js';
import { main } from './main.js';

describe('cli', () => {
  it('prints its version', async () => {
    const io = captureIo();
    expect(await main(['--version'], io)).toBe(0);
    expect(io.out.join('')).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('loads only the command it runs (help lists every command without loading any)', async () => {
    const io = captureIo();
    expect(await main(['--help'], io)).toBe(0);
    const help = io.out.join('');
    for (const name of ['inspect', 'sbom', 'quickview', 'cves', 'compare', 'why', 'db', 'analytics']) {
      expect(help).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    }
  });

  it('ends a usage error with exit code 64 and no stack trace', async () => {
    const io = captureIo();
    expect(await main(['no-such-command'], io)).toBe(64);
    expect(io.err.join('')).not.toMatch(/\bat .*\.js:\d+/);
  });
});
