import type { NetworkIds } from './enrich/ids.js';
import type { PeriodHashes } from './privacy/identity.js';
import type { QueuedRequest } from './request.js';

/** Where an open action stands in the seed's classification table (see `classify.ts`). */
export type Stage = 'head-tag' | 'head-digest' | 'head-then-same' | 'get-first' | 'complete';

export interface OpenAction {
  first: QueuedRequest;
  stage: Stage;
  requests: number;
  closed: boolean;
  /** Its client while it is open; null once closed, or for a late request classified alone. */
  client: Client | null;
}

const sessionKey = (request: QueuedRequest): string => `${request.repository}\n${request.userAgent}`;

/**
 * One client identity (a signed-in user, else an address) in one shard: its open actions, one per
 * repository and user agent, and what enrichment worked out for it (network, keyed hashes, verified
 * domain), so a request finds all of that through one object. Open actions are usually one or two: a
 * short list scanned by value; a busy client (a CI farm behind one address) switches to a map.
 */
export class Client implements PeriodHashes {
  /** Requests waiting for the watermark: a client with any is kept (see `ClientRegistry.sweep`). */
  pending = 0;
  /** Forgotten by its registry: whoever still holds it must `readmit` it before use. */
  gone = false;
  /** The network of the address this client last pulled from. */
  netAddr: string | null = null;
  net: NetworkIds | null = null;
  /** Label id of the verified company domain, 0 none, -1 not looked up yet. */
  verified = -1;
  weekDay = Number.NaN;
  weekHi = 0;
  weekLo = 0;
  monthDay = Number.NaN;
  monthHi = 0;
  monthLo = 0;
  /** Open actions in `list[0..count)`; the array never shrinks (no reallocation per action). */
  private list: (OpenAction | undefined)[] = [];
  private count = 0;
  private map: Map<string, OpenAction> | null = null;

  constructor(
    readonly actor: string | undefined,
    readonly addr: string,
  ) {}

  /** Open actions. */
  get size(): number {
    return this.map ? this.map.size : this.count;
  }

  find(request: QueuedRequest): OpenAction | undefined {
    if (this.map) return this.map.get(sessionKey(request));
    for (let i = 0; i < this.count; i += 1) {
      const action = this.list[i] as OpenAction;
      if (action.first.repository === request.repository && action.first.userAgent === request.userAgent)
        return action;
    }
    return undefined;
  }

  add(action: OpenAction): void {
    if (this.map) {
      this.map.set(sessionKey(action.first), action);
    } else if (this.count >= 8) {
      const open = this.list.slice(0, this.count) as OpenAction[];
      this.map = new Map(open.map((a) => [sessionKey(a.first), a]));
      this.map.set(sessionKey(action.first), action);
      this.list = [];
      this.count = 0;
    } else {
      this.list[this.count] = action;
      this.count += 1;
    }
  }

  remove(action: OpenAction): void {
    if (this.map) {
      const key = sessionKey(action.first);
      if (this.map.get(key) === action) this.map.delete(key);
      if (this.map.size === 0) this.map = null;
      return;
    }
    // at most one open action per repository and agent: order does not matter, the last fills the gap
    const at = this.list.indexOf(action);
    if (at < 0 || at >= this.count) return;
    this.count -= 1;
    this.list[at] = this.list[this.count];
    this.list[this.count] = undefined;
  }
}

/**
 * The clients of a shard by identity. Bounded: past `max` clients, those with nothing open or pending
 * are forgotten (their caches are rebuilt if they come back); a client with open or pending requests is
 * always the one object its requests share, which is what classification needs.
 */
export class ClientRegistry {
  private readonly byAddr = new Map<string, Client>();
  private readonly byUser = new Map<string, Client>();

  constructor(private readonly max = 500_000) {}

  of(actor: string | undefined, addr: string): Client {
    const map = actor === undefined ? this.byAddr : this.byUser;
    const identity = actor ?? addr;
    let client = map.get(identity);
    if (client === undefined) {
      if (this.byAddr.size + this.byUser.size >= this.max) this.sweep();
      client = new Client(actor, addr);
      map.set(identity, client);
    }
    return client;
  }

  /** Takes back a client a cache still held after a sweep, so its identity keeps one object. */
  readmit(client: Client): void {
    client.gone = false;
    if (client.actor === undefined) this.byAddr.set(client.addr, client);
    else this.byUser.set(client.actor, client);
  }

  private sweep(): void {
    for (const map of [this.byAddr, this.byUser]) {
      for (const [identity, client] of map) {
        if (client.size > 0 || client.pending > 0) continue;
        client.gone = true;
        map.delete(identity);
      }
    }
  }
}
