import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEventLine } from '../../src/analytics/event.js';
import { ActionPipeline } from '../../src/analytics/pipeline.js';
import type { ClassifiedAction, ManifestRequest } from '../../src/analytics/types.js';
import { type CapturingRegistry, startCapturingRegistry } from './distribution.js';

/**
 * Every row of the seed's action classification table, from real request sequences sent to CNCF
 * Distribution on 127.0.0.1 and classified from the notification envelopes it posted. Each row is one
 * client (its own X-Forwarded-For address), so the rows cannot share a session. The seed lists the
 * "HEAD tag, GET same digest, then GET different digest" row twice; one test covers both.
 */
const hasRegistry = (() => {
  try {
    execFileSync('docker-registry', ['--version'], { stdio: 'ignore' });
    execFileSync('skopeo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
if (!hasRegistry)
  console.warn('classification-table: docker-registry or skopeo missing; install .ci/apt-packages');

type Step = [method: 'GET' | 'HEAD', ref: 'tag' | 'index' | 'amd64' | 'arm64' | 'tiny' | 'blob'];

interface Row {
  name: string;
  repo: 'test/tiny' | 'test/multi';
  steps: Step[];
  expected: string;
}

const rows: Row[] = [
  {
    name: 'HEAD tag, nothing → version_check',
    repo: 'test/tiny',
    steps: [['HEAD', 'tag']],
    expected: 'version_check:1',
  },
  {
    name: 'GET tag, nothing (single-arch) → pull_by_tag',
    repo: 'test/tiny',
    steps: [
      ['GET', 'tag'],
      ['GET', 'blob'],
    ],
    expected: 'pull_by_tag:1',
  },
  {
    name: 'GET tag, GET different digest (multi-arch) → pull_by_tag',
    repo: 'test/multi',
    steps: [
      ['GET', 'tag'],
      ['GET', 'amd64'],
      ['GET', 'blob'],
    ],
    expected: 'pull_by_tag:2',
  },
  {
    name: 'HEAD tag, GET same digest → pull_by_tag',
    repo: 'test/tiny',
    steps: [
      ['HEAD', 'tag'],
      ['GET', 'tiny'],
    ],
    expected: 'pull_by_tag:2',
  },
  {
    name: 'HEAD tag, GET same digest, GET different digest (multi-arch) → pull_by_tag',
    repo: 'test/multi',
    steps: [
      ['HEAD', 'tag'],
      ['GET', 'index'],
      ['GET', 'arm64'],
    ],
    expected: 'pull_by_tag:3',
  },
  {
    name: 'GET digest, nothing → pull_by_digest',
    repo: 'test/tiny',
    steps: [['GET', 'tiny']],
    expected: 'pull_by_digest:1',
  },
  {
    name: 'HEAD digest, nothing → pull_by_digest',
    repo: 'test/tiny',
    steps: [['HEAD', 'tiny']],
    expected: 'pull_by_digest:1',
  },
  {
    name: 'GET digest, GET different digest (multi-arch) → pull_by_digest',
    repo: 'test/multi',
    steps: [
      ['GET', 'index'],
      ['GET', 'amd64'],
    ],
    expected: 'pull_by_digest:2',
  },
  {
    name: 'HEAD digest, GET same digest → pull_by_digest',
    repo: 'test/tiny',
    steps: [
      ['HEAD', 'tiny'],
      ['GET', 'tiny'],
    ],
    expected: 'pull_by_digest:2',
  },
  {
    name: 'HEAD digest, GET same digest, GET different digest (multi-arch) → pull_by_digest',
    repo: 'test/multi',
    steps: [
      ['HEAD', 'index'],
      ['GET', 'index'],
      ['GET', 'amd64'],
    ],
    expected: 'pull_by_digest:3',
  },
];

describe.skipIf(!hasRegistry)('seed 003 classification table over real Distribution events', () => {
  let capture: CapturingRegistry;
  const byClient = new Map<string, ClassifiedAction[]>();
  const requests: ManifestRequest[] = [];

  beforeAll(async () => {
    capture = await startCapturingRegistry();
    const { oci, multi } = capture.images;
    const refs: Record<Step[1], (repo: string) => string> = {
      tag: () => 'manifests/v1',
      index: () => `manifests/${multi.indexDigest}`,
      amd64: () => `manifests/${multi.images[0]?.manifestDigest}`,
      arm64: () => `manifests/${multi.images[1]?.manifestDigest}`,
      tiny: () => `manifests/${oci.images[0]?.manifestDigest}`,
      blob: (repo) => `blobs/${(repo === 'test/tiny' ? oci : multi).images[0]?.configDigest}`,
    };
    const userAgent = 'containerd/v1.7.2';
    for (const [i, row] of rows.entries()) {
      for (const [method, ref] of row.steps) {
        const response = await capture.request(method, `/v2/${row.repo}/${refs[ref](row.repo)}`, {
          'user-agent': userAgent,
          'x-forwarded-for': `198.51.100.${i + 1}, 10.0.0.1`,
        });
        expect(response.status).toBe(200);
      }
    }
    const expected = rows.reduce((n, row) => n + row.steps.length, 0);
    await capture.settle(expected);
    const pipeline = new ActionPipeline({}, (action) => {
      const list = byClient.get(action.first.addr) ?? [];
      list.push({ ...action });
      byClient.set(action.first.addr, list);
    });
    for (const envelope of capture.take()) {
      const parsed = parseEventLine(JSON.stringify(envelope));
      for (const request of parsed.requests) {
        requests.push(request);
        pipeline.push(request);
      }
    }
    pipeline.finish();
  });

  afterAll(async () => {
    await capture?.stop();
  });

  it('keeps manifest requests only (blob GETs are not actions)', () => {
    const manifestSteps = rows.reduce(
      (n, row) => n + row.steps.filter(([, ref]) => ref !== 'blob').length,
      0,
    );
    expect(requests).toHaveLength(manifestSteps);
    expect(requests.every((r) => r.addr.startsWith('198.51.100.'))).toBe(true);
  });

  it('a HEAD by tag carries the digest the registry resolved', () => {
    const head = requests.find((r) => r.method === 'HEAD' && r.repository === 'test/multi' && r.tag === 'v1');
    expect(head?.digest).toBe(capture.images.multi.indexDigest);
  });

  it.each(rows.map((row, i) => [row.name, i] as const))('%s', (_name, i) => {
    const actions = byClient.get(`198.51.100.${i + 1}`) ?? [];
    expect(actions.map((a) => `${a.kind}:${a.requests}`)).toEqual([rows[i]?.expected]);
    const first = actions[0]?.first;
    const row = rows[i] as Row;
    // the action's digest is the first request's: the index for multi-arch pulls
    if (row.repo === 'test/multi' && row.steps[0]?.[1] !== 'amd64') {
      expect(first?.digest).toBe(capture.images.multi.indexDigest);
    }
  });
});
