import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PullIngest } from '../../src/analytics/ingest.js';
import { dayOf, periodOf } from '../../src/analytics/periods.js';
import { reportCsv } from '../../src/analytics/reports/index.js';
import { defaultSettings } from '../../src/analytics/settings.js';
import { AnalyticsStore } from '../../src/analytics/store/store.js';
import { AnalyticsWebhook } from '../../src/analytics/webhook.js';
import { type CapturingRegistry, startCapturingRegistry } from './distribution.js';

const hasRegistry = (() => {
  try {
    execFileSync('docker-registry', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasRegistry) console.warn('webhook.test: docker-registry missing; install .ci/apt-packages');

const UA =
  'docker/24.0.7 go/go1.20.10 git-commit/311b9ff kernel/6.1.0 os/linux arch/amd64 UpstreamClient(Docker-Client/24.0.7 \\(linux\\))';
const CLIENT = '81.2.69.160';

/**
 * Envelopes from a real Distribution with htpasswd auth (so events carry the signed-in user) go through
 * the webhook sink, as the server's registry webhook hands them over; push events are skipped.
 */
describe.skipIf(!hasRegistry)('registry webhook → pull analytics', () => {
  let capture: CapturingRegistry;
  const dir = mkdtempSync(join(tmpdir(), 'crowsnest-analytics-webhook-'));
  let csv = '';

  beforeAll(async () => {
    capture = await startCapturingRegistry({ htpasswd: { alice: 'secret' } }, 'alice:secret');
    const pushEnvelopes = capture.take();
    const { multi } = capture.images;
    const headers = { 'user-agent': UA, 'x-forwarded-for': CLIENT };
    await capture.request('HEAD', '/v2/test/multi/manifests/v1', headers);
    await capture.request('GET', `/v2/test/multi/manifests/${multi.indexDigest}`, headers);
    await capture.request('GET', `/v2/test/multi/manifests/${multi.images[0]?.manifestDigest}`, headers);
    await capture.request('GET', `/v2/test/multi/blobs/${multi.images[0]?.configDigest}`, headers);
    await capture.settle(4);
    const store = await AnalyticsStore.open(join(dir, 'analytics.duckdb'));
    const webhook = new AnalyticsWebhook(await PullIngest.open(store, defaultSettings()));
    let skipped = 0;
    for (const envelope of [...pushEnvelopes, ...capture.take()]) {
      const outcome = await webhook.accept(envelope);
      skipped += Object.values(outcome.skipped).reduce((a, b) => a + (b ?? 0), 0);
    }
    expect(skipped).toBeGreaterThan(0);
    await webhook.stop();
    const period = periodOf(dayOf(Date.now()), 'weekly');
    for await (const chunk of reportCsv(store, defaultSettings(), 'trends', {
      period,
      now: Date.UTC(2100, 0, 1),
    }))
      csv += chunk;
    store.close();
  });

  afterAll(async () => {
    await capture?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('classifies the signed-in multi-arch pull as one pull by tag of an authenticated user', () => {
    const rows = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.slice(3)).toEqual([
      'test/multi',
      'test',
      'GB',
      'no csp',
      'docker',
      'v1',
      '1',
      '0',
      '1',
      '1',
      '0',
    ]);
  });

  it('stores neither the forwarded client address nor the loopback one', () => {
    const files = readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    for (const file of files) {
      const text = readFileSync(join(file.parentPath, file.name)).toString('latin1');
      expect(text.includes(CLIENT)).toBe(false);
      expect(text.includes('127.0.0.1')).toBe(false);
    }
    expect(csv.includes(CLIENT)).toBe(false);
  });
});
