import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Notice } from './notice.js';
import { noticeMessage, signatureHeader, verifySignature } from './webhook.js';

const secret = 'cnh_test-secret-0123456789';
const body = '{"text":"hello"}';

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256, as an independent computation does', () => {
    const header = signatureHeader(secret, body, 1_700_000_000);
    const hex = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(header).toBe(`t=1700000000,v1=${hex}`);
  });

  it('verifies its own signature, and refuses a changed body, another secret, an old timestamp or junk', () => {
    const now = 1_700_000_000;
    const header = signatureHeader(secret, body, now);
    expect(verifySignature(secret, body, header, { now: now + 10 })).toBe(true);
    expect(verifySignature(secret, `${body} `, header, { now })).toBe(false);
    expect(verifySignature('another-secret-value', body, header, { now })).toBe(false);
    expect(verifySignature(secret, body, header, { now: now + 301 })).toBe(false);
    for (const junk of [undefined, '', 't=x,v1=00', `t=${now}`, `t=${now},v1=zz`, `v1=${'0'.repeat(64)}`])
      expect(verifySignature(secret, body, junk, { now })).toBe(false);
  });

  it('accepts any of several v1 values (a receiver mid-rotation)', () => {
    const now = 1_700_000_000;
    const good = signatureHeader(secret, body, now).split(',v1=')[1];
    expect(verifySignature(secret, body, `t=${now},v1=${'a'.repeat(64)},v1=${good}`, { now })).toBe(true);
  });
});

describe('noticeMessage', () => {
  const notice: Notice = {
    orgId: 'o',
    repositoryId: 'r',
    repository: 'team/<app>',
    imageId: 'i',
    digest: 'sha256:abc',
    tag: 'latest',
    platform: 'linux/amd64',
    operationId: 7,
    change: {
      kind: 'new',
      vulnerabilityId: 'CVE-2024-1',
      aliases: [],
      packageId: 'p',
      packageName: 'openssl',
      packageVersion: '3.0.11',
      packageType: 'deb',
      severity: 'critical',
      cvss: 9.8,
      kev: true,
      fixedVersions: ['3.0.12'],
    },
    newFindings: 2,
    raisedFindings: 1,
    counts: { critical: 1, high: 2, medium: 0, low: 0, unspecified: 0 },
  };

  it('is a Slack-compatible {text, blocks} body naming the change, the image and what else changed', () => {
    const message = noticeMessage(notice);
    expect(Object.keys(message).sort()).toEqual(['blocks', 'text']);
    expect(message.text).toBe(
      'crowsnest: CVE-2024-1 (critical) now affects team/<app>:latest (openssl 3.0.11)',
    );
    const texts = JSON.stringify(message.blocks);
    expect(texts).toContain('Fixed in: 3.0.12');
    expect(texts).toContain('known exploited');
    expect(texts).toContain('2 more findings changed');
    expect(texts).toContain('team/&lt;app&gt;:latest');
    expect(texts).toContain('1C 2H 0M 0L');
  });
});
