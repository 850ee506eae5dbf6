import type { Client, ClientRegistry } from '../client.js';
import type { ActionEnricher } from '../enrich/enricher.js';
import type { AgentIds, RepositoryIds } from '../enrich/ids.js';

/**
 * What a worker knows per dictionary code: the client of an address or user, and the label ids of
 * repositories, agents, digests and tags. Arrays indexed by code, filled on first sight through the
 * string-keyed caches, so a decoded request is resolved with a few array reads. A dictionary reset
 * empties them (codes are reused); clients stay the same objects through their registry.
 */
export class CodeCaches {
  private byAddr: (Client | undefined)[] = [];
  private byActor: (Client | undefined)[] = [];
  private repositories: (RepositoryIds | undefined)[] = [];
  private agents: (AgentIds | undefined)[] = [];
  private digests: number[] = [];
  private tags: number[] = [];

  constructor(
    private readonly clients: ClientRegistry,
    private readonly enricher: ActionEnricher,
  ) {}

  reset(): void {
    this.byAddr = [];
    this.byActor = [];
    this.repositories = [];
    this.agents = [];
    this.digests = [];
    this.tags = [];
  }

  client(addrCode: number, actorCode: number, addr: string, actor: string | undefined): Client {
    const signedIn = actorCode >= 0;
    const codes = signedIn ? this.byActor : this.byAddr;
    const code = signedIn ? actorCode : addrCode;
    let client = codes[code];
    if (client === undefined) {
      client = this.clients.of(actor, addr);
      codes[code] = client;
    } else if (client.gone) this.clients.readmit(client);
    return client;
  }

  repository(code: number, name: string): RepositoryIds {
    let ids = this.repositories[code];
    if (ids === undefined) {
      ids = this.enricher.repository(name);
      this.repositories[code] = ids;
    }
    return ids;
  }

  agent(code: number, userAgent: string): AgentIds {
    let ids = this.agents[code];
    if (ids === undefined) {
      ids = this.enricher.agent(userAgent);
      this.agents[code] = ids;
    }
    return ids;
  }

  digest(code: number, digest: string): number {
    let id = this.digests[code];
    if (id === undefined) {
      id = this.enricher.label(digest);
      this.digests[code] = id;
    }
    return id;
  }

  tag(code: number, tag: string | undefined): number {
    if (code < 0) return 0;
    let id = this.tags[code];
    if (id === undefined) {
      id = this.enricher.label(tag);
      this.tags[code] = id;
    }
    return id;
  }
}
