import { fingerprint } from '../fingerprint.js';
import { dayOf, monthStartDay, weekStartDay } from '../periods.js';
import type { IdentityHasher } from '../privacy/identity.js';
import type { AnalyticsSettings } from '../settings.js';
import { namespaceOf } from '../settings.js';
import type { ActionRow, ClassifiedAction } from '../types.js';
import { type DomainPolicy, emailDomain } from './domains.js';
import type { ClientNetwork, DomainPair, NetworkResolver } from './network.js';
import { inferUseCase } from './use-case.js';
import { type ClientAgent, parseUserAgent } from './user-agent.js';

export interface EnricherParts {
  network: NetworkResolver;
  domains: DomainPolicy;
  hasher: IdentityHasher;
  settings: AnalyticsSettings;
  /** The verified email (or domain) of a registry user, when a directory knows it; settings `users` otherwise. */
  verifiedEmail?: (actor: string) => string | undefined;
}

/**
 * Classified action → stored row. This is where the client address is last seen: it is turned into
 * network attributes and a per-period keyed hash, and the row carries neither the address nor the agent.
 */
export class ActionEnricher {
  private readonly agents = new Map<string, ClientAgent>();
  private readonly hashes = new Int32Array(4);
  private readonly key = new Int32Array(2);
  private readonly namespaces = new Map<string, string>();
  private readonly verified = new Map<string, string | null>();
  private readonly scratch: ActionRow = {
    keyHi: 0,
    keyLo: 0,
    ts: 0,
    weekDay: 0,
    monthDay: 0,
    kind: 'pull_by_tag',
    namespace: '',
    repository: '',
    method: 'GET',
    tag: null,
    digest: '',
    country: null,
    csp: '',
    ipType: null,
    tool: '',
    toolVersion: null,
    authenticated: false,
    domain: null,
    company: null,
    useCase: 'Unknown',
    userWeekHi: 0,
    userWeekLo: 0,
    userMonthHi: 0,
    userMonthLo: 0,
  };
  private lastDay = Number.NaN;
  private lastMonth = 0;

  constructor(private readonly parts: EnricherParts) {}

  row(action: ClassifiedAction): ActionRow {
    const { first } = action;
    const day = dayOf(first.ts);
    const weekDay = weekStartDay(day);
    const monthDay = this.month(day);
    const net = this.parts.network.resolve(first.addr);
    const agent = this.agent(first.userAgent);
    const { domain, company } = this.domainsOf(first.actor, net);
    this.parts.hasher.hash(first.actor, first.addr, weekDay, monthDay, this.hashes);
    fingerprint(first.id, this.key);
    // One row object, filled in place: the batch copies it at once (no allocation per action).
    const row = this.scratch;
    row.keyHi = this.key[0] as number;
    row.keyLo = this.key[1] as number;
    row.ts = first.ts;
    row.weekDay = weekDay;
    row.monthDay = monthDay;
    row.kind = action.kind;
    row.namespace = this.namespace(first.repository);
    row.repository = first.repository;
    row.method = first.method;
    row.tag = first.tag ?? null;
    row.digest = first.digest;
    row.country = net.country;
    row.csp = net.csp;
    row.ipType = net.ipType;
    row.tool = agent.tool;
    row.toolVersion = agent.version;
    row.authenticated = first.actor !== undefined;
    row.domain = domain;
    row.company = company;
    row.useCase = inferUseCase(agent.useCase, net.csp);
    row.userWeekHi = this.hashes[0] as number;
    row.userWeekLo = this.hashes[1] as number;
    row.userMonthHi = this.hashes[2] as number;
    row.userMonthLo = this.hashes[3] as number;
    return row;
  }

  private namespace(repository: string): string {
    let namespace = this.namespaces.get(repository);
    if (namespace === undefined) {
      if (this.namespaces.size > 100_000) this.namespaces.clear();
      namespace = namespaceOf(repository);
      this.namespaces.set(repository, namespace);
    }
    return namespace;
  }

  private month(day: number): number {
    if (day !== this.lastDay) {
      this.lastDay = day;
      this.lastMonth = monthStartDay(day);
    }
    return this.lastMonth;
  }

  private agent(userAgent: string): ClientAgent {
    let agent = this.agents.get(userAgent);
    if (!agent) {
      if (this.agents.size > 100_000) this.agents.clear();
      agent = parseUserAgent(userAgent);
      this.agents.set(userAgent, agent);
    }
    return agent;
  }

  /**
   * The documented domain plan: a signed-in user's verified email domain when it is a company domain;
   * otherwise, for a business network, the domain the operator mapped to its organisation, else the
   * organisation's name; for other networks the provider's name, which is never a company.
   */
  private domainsOf(actor: string | undefined, net: ClientNetwork): DomainPair {
    if (actor !== undefined) {
      const verified = this.verifiedDomain(actor);
      if (verified !== null) return { domain: verified, company: verified };
    }
    net.domains ??= this.networkDomains(net);
    return net.domains;
  }

  /** The user's verified email domain when it is a company domain (cached per user). */
  private verifiedDomain(actor: string): string | null {
    let domain = this.verified.get(actor);
    if (domain === undefined) {
      const { domains, settings, verifiedEmail } = this.parts;
      const email = verifiedEmail?.(actor) ?? settings.users[actor];
      const parsed = email ? emailDomain(email) : null;
      domain = parsed && domains.classify(parsed) === 'company' ? parsed : null;
      if (this.verified.size > 100_000) this.verified.clear();
      this.verified.set(actor, domain);
    }
    return domain;
  }

  private networkDomains(net: ClientNetwork): DomainPair {
    if (net.ipType !== 'business') return { domain: net.organization, company: null };
    if (net.mappedDomain === null) return { domain: net.organization, company: net.organization };
    const mapped = emailDomain(net.mappedDomain) ?? net.mappedDomain;
    return { domain: mapped, company: this.parts.domains.classify(mapped) === 'company' ? mapped : null };
  }
}
