import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deliveredOutOfOrder,
  scenarioAddresses,
  scenarioRequests,
  scenarioSettings,
} from '../../src/analytics/reports/__fixtures__/scenario.js';
import { toEnvelope } from '../../src/analytics/synthetic/envelope.js';
import { captureIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';

/**
 * `crowsnest analytics` end to end over the scenario week: import the envelopes twice, write every
 * report, then grep every database file and every output for the client addresses (SPEC F10).
 */
describe('crowsnest analytics (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'crowsnest-analytics-cli-'));
  const env = { ...process.env, CROWSNEST_DATA_DIR: join(dir, 'data') };
  const settings = join(dir, 'settings.json');
  const outputs: string[] = [];

  async function run(...argv: string[]) {
    const io = captureIo(env);
    io.cwd = dir;
    const code = await main(argv, io);
    const out = io.out.join('');
    outputs.push(out, io.err.join(''));
    return { code, out, err: io.err.join('') };
  }

  beforeAll(() => {
    const lines = deliveredOutOfOrder(scenarioRequests()).map((request) => toEnvelope(request));
    lines.splice(3, 0, '{not json', '{"events":[{"action":"push"}]}');
    writeFileSync(join(dir, 'events.jsonl'), `${lines.join('\n')}\n`);
    writeFileSync(settings, JSON.stringify(scenarioSettings));
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('imports, and a second import of the same file stores nothing new', async () => {
    const first = await run('analytics', 'import', 'events.jsonl', '--settings', settings);
    expect(first.code).toBe(0);
    expect(first.out).toContain('80 manifest requests: 52 actions (52 new), 10 duplicates, 0 late');
    expect(first.out).toMatch(/skipped events: 2 invalid/);
    const again = await run('analytics', 'import', 'events.jsonl', '--settings', settings);
    expect(again.out).toContain('52 actions (0 new)');
  });

  it('writes every report as CSV, to stdout or a file', async () => {
    for (const name of [
      'summary',
      'trends',
      'technographic',
      'technographic-companies',
      'tracked-companies',
      'raw',
    ]) {
      const result = await run(
        'analytics',
        'report',
        name,
        '--granularity',
        'weekly',
        '--period',
        '2026-W40',
        '--settings',
        settings,
      );
      expect(result.code, result.err).toBe(0);
      expect(result.out.split('\n').length).toBeGreaterThan(2);
    }
    const file = await run(
      'analytics',
      'report',
      'summary',
      '--granularity',
      'monthly',
      '--period',
      '2026-09',
      '-o',
      'summary.csv',
      '--settings',
      settings,
    );
    expect(file.code).toBe(0);
    const csv = readFileSync(join(dir, 'summary.csv'), 'utf8');
    outputs.push(csv);
    expect(csv.split('\n')[0]).toBe(
      'DATE_GRANULARITY,DATE_REFERENCE,PUBLISHER_NAME,LEVEL,REFERENCE,DATA_DOWNLOADS,VERSION_CHECKS,EVENT_COUNT',
    );
  });

  it('shows the data attribution the CC BY licences ask for', async () => {
    const result = await run(
      'analytics',
      'report',
      'trends',
      '--granularity',
      'weekly',
      '--period',
      '2026-W40',
    );
    expect(result.err).toContain('IP Geolocation by DB-IP');
    expect((await run('analytics', 'sources')).out).toContain('CC BY 4.0');
  });

  it('explains bad periods, open periods and unknown reports with stable exit codes', async () => {
    expect(
      (await run('analytics', 'report', 'summary', '--granularity', 'weekly', '--period', '2026-09')).code,
    ).toBe(64);
    const open = await run(
      'analytics',
      'report',
      'summary',
      '--granularity',
      'monthly',
      '--period',
      '2999-01',
    );
    expect(open.code).toBe(75);
    expect(open.err).toContain('is not over yet');
    expect(
      (await run('analytics', 'report', 'nope', '--granularity', 'weekly', '--period', '2026-W40')).code,
    ).toBe(64);
    const premium = await run(
      'analytics',
      'report',
      'technographic',
      '--granularity',
      'weekly',
      '--period',
      '2026-W40',
    );
    expect(premium.code).toBe(77); // no settings: no repository has the verified-publisher badge
  });

  it('keeps no client IP address in any database file or output', () => {
    const files = readdirSync(join(dir, 'data'), { recursive: true, withFileTypes: true }).filter((e) =>
      e.isFile(),
    );
    expect(files.length).toBeGreaterThan(0);
    const haystacks = [
      ...files.map((f) => readFileSync(join(f.parentPath, f.name)).toString('latin1')),
      ...outputs,
    ];
    expect(scenarioAddresses.length).toBeGreaterThan(20);
    for (const address of scenarioAddresses) {
      for (const text of haystacks) expect(text.includes(address), `${address} found`).toBe(false);
    }
  });
});
