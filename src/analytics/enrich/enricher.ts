import type { StagedAction } from '../classify.js';
import { dayOf, monthStartDay, weekStartDay } from '../periods.js';
import type { IdentityHasher } from '../privacy/identity.js';
import type { QueuedRequest } from '../request.js';
import type { AnalyticsSettings } from '../settings.js';
import { namespaceOf } from '../settings.js';
import { L, PullRow } from '../store/batch.js';
import type { Labels } from '../store/labels.js';
import { actionKindCodes } from '../types.js';
import { NO_CSP } from './cloud.js';
import { type DomainPolicy, emailDomain } from './domains.js';
import type { AgentIds, NetworkIds, RepositoryIds } from './ids.js';
import type { ClientNetwork, DomainPair, NetworkResolver } from './network.js';
import { inferUseCase } from './use-case.js';
import { parseUserAgent } from './user-agent.js';

export interface EnricherParts {
  network: NetworkResolver;
  domains: DomainPolicy;
  hasher: IdentityHasher;
  settings: AnalyticsSettings;
  /** The text dictionary the row's label ids come from. */
  labels: Labels;
  /** The verified email (or domain) of a registry user, when a directory knows it; settings `users` otherwise. */
  verifiedEmail?: (actor: string) => string | undefined;
}

/** Caches are cleared when they reach this size: a bound on memory for a long-running server. */
const MAX_CACHED = 500_000;

/** A bounded cache entry: computed once per key (per address, agent, repository, user). */
function cached<V>(map: Map<string, V>, key: string, make: (key: string) => V): V {
  let value = map.get(key);
  if (value === undefined) {
    if (map.size >= MAX_CACHED) map.clear();
    value = make(key);
    map.set(key, value);
  }
  return value;
}

/**
 * Classified action → stored row. This is where the client address is last seen: it is turned into
 * network attributes and a per-period keyed hash, and the row carries neither the address nor the agent.
 * Every text is resolved to its label id once per address, agent, repository or user (kept on the
 * client object, or in small maps), so an action costs a few field reads.
 */
export class ActionEnricher {
  private readonly networks = new Map<string, NetworkIds>();
  private readonly agents = new Map<string, AgentIds>();
  private readonly repositories = new Map<string, RepositoryIds>();
  private readonly row = new PullRow();
  private readonly methods: { GET: number; HEAD: number };
  private lastDay = Number.NaN;
  private lastWeek = 0;
  private lastMonth = 0;

  constructor(private readonly parts: EnricherParts) {
    this.methods = { GET: parts.labels.id('GET'), HEAD: parts.labels.id('HEAD') };
  }

  /** The row of `action`, in an object reused by the next call (the batch copies it at once). */
  fill(action: StagedAction): PullRow {
    const { first } = action;
    const { client } = first;
    const { row } = this;
    this.periods(dayOf(first.ts));
    this.labels(first, row.labels);
    this.parts.hasher.fill(client, first.actor, first.addr, this.lastWeek, this.lastMonth);
    row.keyHi = first.keyHi;
    row.keyLo = first.keyLo;
    row.ts = first.ts;
    row.weekDay = this.lastWeek;
    row.monthDay = this.lastMonth;
    row.kind = actionKindCodes[action.kind];
    row.authenticated = first.actor !== undefined;
    row.userWeekHi = client.weekHi;
    row.userWeekLo = client.weekLo;
    row.userMonthHi = client.monthHi;
    row.userMonthLo = client.monthLo;
    row.mayRepeat = first.mayRepeat || action.late;
    return row;
  }

  /** The label ids of a request's texts and of what its address and agent imply. */
  private labels(first: QueuedRequest, labels: Int32Array): void {
    const { client } = first;
    const repository = first.repo ?? this.repository(first.repository);
    const agent = first.agent ?? this.agent(first.userAgent);
    if (client.netAddr !== first.addr) {
      client.net = cached(this.networks, first.addr, (addr) => this.networkIds(addr));
      client.netAddr = first.addr;
    }
    const net = client.net as NetworkIds;
    labels[L.namespace] = repository.namespace;
    labels[L.repository] = repository.repository;
    labels[L.method] = first.method === 'GET' ? this.methods.GET : this.methods.HEAD;
    labels[L.tag] = first.tagId >= 0 ? first.tagId : this.label(first.tag);
    labels[L.digest] = first.digestId >= 0 ? first.digestId : this.label(first.digest);
    labels[L.country] = net.country;
    labels[L.csp] = net.csp;
    labels[L.ipType] = net.ipType;
    labels[L.tool] = agent.tool;
    labels[L.toolVersion] = agent.version;
    if (client.verified < 0)
      client.verified = client.actor === undefined ? 0 : this.verifiedDomain(client.actor);
    labels[L.domain] = client.verified || net.domain;
    labels[L.company] = client.verified || net.company;
    labels[L.useCase] = net.cloud ? agent.cloudUseCase : agent.useCase;
  }

  /** Label id of a text (0 for none). */
  label(text: string | undefined | null): number {
    return this.parts.labels.id(text ?? null);
  }

  repository(name: string): RepositoryIds {
    return cached(this.repositories, name, (key) => this.repositoryIds(key));
  }

  agent(userAgent: string): AgentIds {
    return cached(this.agents, userAgent, (key) => this.agentIds(key));
  }

  private periods(day: number): void {
    if (day !== this.lastDay) {
      this.lastDay = day;
      this.lastWeek = weekStartDay(day);
      this.lastMonth = monthStartDay(day);
    }
  }

  private networkIds(addr: string): NetworkIds {
    const net = this.parts.network.resolve(addr);
    const { domain, company } = this.networkDomains(net);
    const labels = this.parts.labels;
    return {
      country: labels.id(net.country),
      csp: labels.id(net.csp),
      ipType: labels.id(net.ipType),
      domain: labels.id(domain),
      company: labels.id(company),
      cloud: net.csp !== NO_CSP,
    };
  }

  private agentIds(userAgent: string): AgentIds {
    const agent = parseUserAgent(userAgent);
    const labels = this.parts.labels;
    return {
      tool: labels.id(agent.tool),
      version: labels.id(agent.version),
      useCase: labels.id(agent.useCase),
      cloudUseCase: labels.id(inferUseCase(agent.useCase, 'any cloud')),
    };
  }

  private repositoryIds(name: string): RepositoryIds {
    const labels = this.parts.labels;
    return { repository: labels.id(name), namespace: labels.id(namespaceOf(name)) };
  }

  /**
   * The documented domain plan: a signed-in user's verified email domain when it is a company domain
   * (this method); otherwise, for a business network, the domain the operator mapped to its
   * organisation, else the organisation's name; for other networks the provider's name, which is never
   * a company (`networkDomains`).
   */
  private verifiedDomain(actor: string): number {
    const { domains, settings, verifiedEmail, labels } = this.parts;
    const email = verifiedEmail?.(actor) ?? settings.users[actor];
    const parsed = email ? emailDomain(email) : null;
    return parsed && domains.classify(parsed) === 'company' ? labels.id(parsed) : 0;
  }

  private networkDomains(net: ClientNetwork): DomainPair {
    if (net.ipType !== 'business') return { domain: net.organization, company: null };
    if (net.mappedDomain === null) return { domain: net.organization, company: net.organization };
    const mapped = emailDomain(net.mappedDomain) ?? net.mappedDomain;
    return { domain: mapped, company: this.parts.domains.classify(mapped) === 'company' ? mapped : null };
  }
}
