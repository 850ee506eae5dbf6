import { describe, expect, it } from 'vitest';
import { DomainPolicy, emailDomain } from './domains.js';

describe('company domains and their exclusions', () => {
  it.each([
    ['gmail.com', 'personal'],
    ['outlook.com', 'personal'],
    ['mailinator.com', 'disposable'],
    ['docker.com', 'company'],
    ['bigco.example', 'company'],
    ['cs.stanford.edu', 'academic'],
  ])('%s is %s', async (domain, expected) => {
    const policy = new DomainPolicy();
    await policy.prepare([domain]);
    expect(policy.classify(domain)).toBe(expected);
  });

  it('uses the university list (swot) for domains checked ahead, its shape otherwise', async () => {
    const policy = new DomainPolicy();
    expect(policy.classify('ox.ac.uk')).toBe('academic');
    await policy.prepare(['mit.edu', 'ethz.ch']);
    expect(policy.classify('ethz.ch')).toBe('academic');
  });

  it('reads a domain from an email address and refuses what is not a domain', () => {
    expect(emailDomain('Alice@BigCo.Example')).toBe('bigco.example');
    expect(emailDomain('bigco.example')).toBe('bigco.example');
    expect(emailDomain('not a domain')).toBeNull();
    expect(emailDomain('alice@')).toBeNull();
  });
});
