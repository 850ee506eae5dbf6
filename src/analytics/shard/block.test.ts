import { describe, expect, it } from 'vitest';
import { ClientRegistry } from '../client.js';
import type { ActionEnricher } from '../enrich/enricher.js';
import { fingerprint } from '../fingerprint.js';
import type { QueuedRequest } from '../request.js';
import type { ManifestRequest } from '../types.js';
import { type Block, BlockWriter } from './block.js';
import { readBlock, StringTable } from './block-reader.js';
import { CodeCaches } from './codes.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;

function request(n: number, extra: Partial<ManifestRequest> = {}): ManifestRequest {
  return {
    id: `event-${n}`,
    ts: Date.UTC(2026, 8, 29) + n * 1000,
    repository: `acme/app${n % 3}`,
    method: n % 2 ? 'HEAD' : 'GET',
    ...(n % 4 ? { tag: `v${n % 5}` } : {}),
    digest: DIGEST,
    mediaType: '',
    addr: `198.51.100.${n % 7}`,
    ...(n % 6 === 0 ? { actor: `user${n % 12}` } : {}),
    userAgent: `docker/2${n % 2}.0`,
    ...extra,
  };
}

/** Label ids by text from a stand-in enricher: what the caches resolve through. */
function caches() {
  const ids = new Map<string, number>();
  const label = (text: string | null | undefined) => {
    if (text == null) return 0;
    if (!ids.has(text)) ids.set(text, ids.size + 1);
    return ids.get(text) as number;
  };
  const enricher = {
    label,
    repository: (name: string) => ({ repository: label(name), namespace: label(name.split('/')[0]) }),
    agent: (ua: string) => ({ tool: label(ua), version: 0, useCase: 0, cloudUseCase: 0 }),
  } as unknown as ActionEnricher;
  return { codes: new CodeCaches(new ClientRegistry(), enricher), label };
}

/** What a worker receives: the block cloned across threads, its buffer moved. */
const cross = (block: Block): Block => structuredClone(block, { transfer: [block.buffer] });

function replay(blocks: Block[]) {
  const table = new StringTable();
  const { codes, label } = caches();
  const out: (QueuedRequest | number)[] = [];
  const lateness: boolean[] = [];
  for (const block of blocks) {
    readBlock(cross(block), table, codes, {
      request: (r, late) => {
        out.push(r);
        lateness.push(late);
      },
      release: (mark) => out.push(mark),
    });
  }
  return { out, lateness, label };
}

/** What crosses: every field the stages read; the id as its fingerprint. */
const fields = (r: ManifestRequest) => {
  const { ts, repository, method, tag, digest, addr, actor, userAgent } = r;
  const key = new Int32Array(2);
  if (r.id) fingerprint(r.id, key);
  else [key[0], key[1]] = [(r as QueuedRequest).keyHi, (r as QueuedRequest).keyLo];
  return { key: [...key], ts, repository, method, tag, digest, addr, actor, userAgent };
};

describe('request blocks between threads', () => {
  it('rebuild every request and mark in order, with resolved clients and label ids', () => {
    const writer = new BlockWriter(16);
    const blocks: Block[] = [];
    const sent: ManifestRequest[] = [];
    for (let n = 0; n < 40; n += 1) {
      if (writer.full) blocks.push(writer.take());
      if (n === 10) writer.release(12_345);
      else {
        sent.push(request(n));
        writer.request(request(n), n % 9 === 0);
      }
    }
    blocks.push(writer.take());
    const { out, lateness, label } = replay(blocks);
    expect(out.filter((x) => typeof x === 'number')).toEqual([12_345]);
    expect(out.indexOf(12_345)).toBe(10);
    const requests = out.filter((x): x is QueuedRequest => typeof x !== 'number');
    expect(requests.map(fields)).toEqual(sent.map(fields));
    expect(lateness).toEqual(sent.map((r) => Number(r.id.slice(6)) % 9 === 0));
    for (const r of requests) {
      expect(r.digestId).toBe(label(r.digest));
      expect(r.tagId).toBe(r.tag === undefined ? 0 : label(r.tag));
      expect(r.repo?.repository).toBe(label(r.repository));
    }
    // one client object per identity: the signed-in user, else the address
    const byIdentity = new Map(requests.map((r) => [r.actor ?? r.addr, r.client]));
    for (const r of requests) expect(r.client).toBe(byIdentity.get(r.actor ?? r.addr));
    expect(new Set(requests.map((r) => r.client)).size).toBe(byIdentity.size);
  });

  it('sends each text once, and starts the dictionaries over past their bound', () => {
    const writer = new BlockWriter(8, 30);
    const blocks: Block[] = [];
    const sent: ManifestRequest[] = [];
    for (let n = 0; n < 64; n += 1) {
      if (writer.full) blocks.push(writer.take());
      const r = request(n, { addr: `203.0.113.${n}` });
      sent.push(r);
      writer.request(r, false);
    }
    blocks.push(writer.take());
    expect(blocks.filter((b) => b.reset).length).toBeGreaterThan(1);
    // repositories come again only after a reset
    const again = blocks.slice(1).filter((b) => b.strings[0]?.length);
    expect(again.length).toBeGreaterThan(0);
    expect(again.every((b) => b.reset)).toBe(true);
    const { out } = replay(blocks);
    const requests = out as QueuedRequest[];
    expect(requests.map(fields)).toEqual(sent.map(fields));
    // a client stays one object across a reset (its sessions must not split)
    const alice = requests.filter((r) => r.actor === 'user0');
    expect(alice.length).toBeGreaterThan(2);
    expect(new Set(alice.map((r) => r.client)).size).toBe(1);
  });
});
