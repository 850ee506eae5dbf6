import { fingerprint } from '../fingerprint.js';
import { dayOf, monthStartDay, weekStartDay } from '../periods.js';
import type { IdentityHasher } from '../privacy/identity.js';
import type { AnalyticsSettings } from '../settings.js';
import { namespaceOf } from '../settings.js';
import type { ActionRow, ClassifiedAction } from '../types.js';
import { type DomainPolicy, emailDomain } from './domains.js';
import type { ClientNetwork, NetworkResolver } from './network.js';
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
    return {
      keyHi: this.key[0] as number,
      keyLo: this.key[1] as number,
      ts: first.ts,
      weekDay,
      monthDay,
      kind: action.kind,
      namespace: namespaceOf(first.repository),
      repository: first.repository,
      method: first.method,
      tag: first.tag ?? null,
      digest: first.digest,
      country: net.country,
      csp: net.csp,
      ipType: net.ipType,
      tool: agent.tool,
      toolVersion: agent.version,
      authenticated: first.actor !== undefined,
      domain,
      company,
      useCase: inferUseCase(agent.useCase, net.csp),
      userWeekHi: this.hashes[0] as number,
      userWeekLo: this.hashes[1] as number,
      userMonthHi: this.hashes[2] as number,
      userMonthLo: this.hashes[3] as number,
    };
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
  private domainsOf(
    actor: string | undefined,
    net: ClientNetwork,
  ): { domain: string | null; company: string | null } {
    const { domains, settings, verifiedEmail } = this.parts;
    if (actor !== undefined) {
      const email = verifiedEmail?.(actor) ?? settings.users[actor];
      const verified = email ? emailDomain(email) : null;
      if (verified && domains.classify(verified) === 'company')
        return { domain: verified, company: verified };
    }
    if (net.ipType !== 'business') return { domain: net.organization, company: null };
    if (net.mappedDomain === null) return { domain: net.organization, company: net.organization };
    const mapped = emailDomain(net.mappedDomain) ?? net.mappedDomain;
    return { domain: mapped, company: domains.classify(mapped) === 'company' ? mapped : null };
  }
}
