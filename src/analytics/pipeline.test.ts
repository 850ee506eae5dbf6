import { describe, expect, it } from 'vitest';
import { ActionPipeline, type PipelineOptions } from './pipeline.js';
import type { ClassifiedAction, ManifestRequest } from './types.js';

const INDEX = 'sha256:1111111111111111111111111111111111111111111111111111111111111111';
const AMD64 = 'sha256:2222222222222222222222222222222222222222222222222222222222222222';
const ARM64 = 'sha256:3333333333333333333333333333333333333333333333333333333333333333';

let counter = 0;
function req(
  at: number,
  method: 'GET' | 'HEAD',
  ref: string,
  digest: string,
  extra: Partial<ManifestRequest> = {},
) {
  counter += 1;
  const byTag = !ref.startsWith('sha256:');
  return {
    id: `ev-${counter}`,
    ts: Date.UTC(2026, 8, 29, 10, 0, 0) + at * 1000,
    repository: 'acme/app',
    method,
    ...(byTag ? { tag: ref } : {}),
    digest,
    mediaType: 'application/vnd.oci.image.index.v1+json',
    addr: '198.51.100.20',
    userAgent: 'containerd/v1.7.2',
    ...extra,
  } satisfies ManifestRequest;
}

function run(requests: ManifestRequest[], options: PipelineOptions = {}): ClassifiedAction[] {
  const out: ClassifiedAction[] = [];
  const pipeline = new ActionPipeline(options, (a) => out.push({ ...a }));
  for (const r of requests) pipeline.push(r);
  pipeline.finish();
  return out.sort((a, b) => a.first.ts - b.first.ts);
}

const kinds = (actions: ClassifiedAction[]) => actions.map((a) => `${a.kind}:${a.requests}`);

describe('late, duplicate and out-of-order events', () => {
  it('dedupes a redelivered event by id', () => {
    const head = req(0, 'HEAD', 'v1', INDEX);
    const get = req(1, 'GET', INDEX, INDEX);
    const pipeline = new ActionPipeline({}, () => {});
    for (const r of [head, get, { ...get }, { ...head }]) pipeline.push(r);
    pipeline.finish();
    expect(pipeline.stats).toEqual({ received: 4, duplicates: 2, late: 0, actions: 1 });
  });

  it('orders events that arrive out of order within the lateness', () => {
    const events = [req(0, 'HEAD', 'v1', INDEX), req(1, 'GET', INDEX, INDEX), req(2, 'GET', AMD64, AMD64)];
    expect(kinds(run([events[2]!, events[0]!, events[1]!]))).toEqual(['pull_by_tag:3']);
  });

  it('classifies an event behind the watermark alone and counts it late', () => {
    const out: ClassifiedAction[] = [];
    const pipeline = new ActionPipeline({ latenessMs: 5_000, batch: 1 }, (a) => out.push({ ...a }));
    const head = req(0, 'HEAD', 'v1', INDEX);
    const get = req(1, 'GET', INDEX, INDEX);
    pipeline.push(head);
    pipeline.push(req(200, 'HEAD', 'v2', AMD64, { addr: '198.51.100.99' }));
    pipeline.push(get); // arrives 199 s after newer traffic: past the 5 s lateness
    pipeline.finish();
    expect(pipeline.stats.late).toBe(1);
    expect(out.map((a) => `${a.kind}:${a.late}`).sort()).toEqual([
      'pull_by_digest:true',
      'version_check:false',
      'version_check:false',
    ]);
  });

  it('keeps sessions of different clients, users and agents apart', () => {
    const actions = run([
      req(0, 'HEAD', 'v1', INDEX),
      req(1, 'GET', INDEX, INDEX, { addr: '198.51.100.21' }),
      req(2, 'GET', INDEX, INDEX, { userAgent: 'docker/24.0.7' }),
      req(3, 'GET', INDEX, INDEX, { actor: 'alice' }),
    ]);
    expect(kinds(actions)).toEqual([
      'version_check:1',
      'pull_by_digest:1',
      'pull_by_digest:1',
      'pull_by_digest:1',
    ]);
  });

  it('closes a session after the window and honours a configured window', () => {
    const seq = [req(0, 'HEAD', 'v1', INDEX), req(90, 'GET', INDEX, INDEX)];
    expect(kinds(run(seq))).toEqual(['version_check:1', 'pull_by_digest:1']);
    expect(kinds(run(seq, { windowMs: 120_000 }))).toEqual(['pull_by_tag:2']);
  });

  it('a clock tick closes sessions when traffic stops', () => {
    const out: ClassifiedAction[] = [];
    const pipeline = new ActionPipeline({}, (a) => out.push({ ...a }));
    const head = req(0, 'HEAD', 'v1', INDEX);
    pipeline.push(head);
    pipeline.advance(head.ts + 20_000);
    pipeline.push(req(5, 'GET', INDEX, INDEX)); // 15 s behind the clock: within the lateness, not late
    pipeline.advance(head.ts + 30_000);
    expect(out).toHaveLength(0);
    pipeline.advance(head.ts + 200_000);
    expect(kinds(out)).toEqual(['pull_by_tag:2']);
    expect(pipeline.stats.late).toBe(0);
  });
});

describe('sequences outside the table start new actions', () => {
  it('HEAD tag then GET by another digest: a version check and a pull by digest', () => {
    expect(kinds(run([req(0, 'HEAD', 'v1', INDEX), req(1, 'GET', AMD64, AMD64)]))).toEqual([
      'version_check:1',
      'pull_by_digest:1',
    ]);
  });

  it('a third GET by digest after a complete multi-arch pull starts a new action', () => {
    const seq = [req(0, 'GET', 'v1', INDEX), req(1, 'GET', AMD64, AMD64), req(2, 'GET', ARM64, ARM64)];
    expect(kinds(run(seq))).toEqual(['pull_by_tag:2', 'pull_by_digest:1']);
  });

  it('a request that closes an action can itself be continued', () => {
    const seq = [req(0, 'HEAD', 'v1', INDEX), req(5, 'HEAD', 'v1', INDEX), req(6, 'GET', INDEX, INDEX)];
    expect(kinds(run(seq))).toEqual(['version_check:1', 'pull_by_tag:2']);
  });

  it('a busy client with many open sessions (one address, many repositories) keeps them apart', () => {
    const repos = Array.from({ length: 20 }, (_, i) => `acme/app${i}`);
    const seq = [
      ...repos.map((repository, i) => req(i * 0.1, 'HEAD', 'v1', INDEX, { repository })),
      ...repos.map((repository, i) => req(3 + i * 0.1, 'GET', INDEX, INDEX, { repository })),
    ];
    expect(kinds(run(seq))).toEqual(repos.map(() => 'pull_by_tag:2'));
  });

  it('two version checks in a row are two actions', () => {
    expect(kinds(run([req(0, 'HEAD', 'v1', INDEX), req(5, 'HEAD', 'v1', INDEX)]))).toEqual([
      'version_check:1',
      'version_check:1',
    ]);
  });
});
