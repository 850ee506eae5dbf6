import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Notice } from './notice.js';
import { noticeTitle } from './notice.js';

/** `X-Crowsnest-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (see WEBHOOKS.md). */
export const SIGNATURE_HEADER = 'X-Crowsnest-Signature';

/** A Slack-compatible incoming-webhook payload: `text` for every client, `blocks` for richer ones. */
export interface WebhookMessage {
  text: string;
  blocks?: Record<string, unknown>[];
}

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The signature header value for `body` (the exact bytes sent) at `timestamp` (unix seconds). */
export function signatureHeader(secret: string, body: string, timestamp: number): string {
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

/**
 * Checks a received signature: the HMAC must match and the timestamp be within `toleranceSeconds` of now
 * (replays of old deliveries are refused). Several `v1=` values are allowed (secret rotation).
 */
export function verifySignature(
  secret: string,
  body: string,
  header: string | undefined,
  options: { toleranceSeconds?: number; now?: number } = {},
): boolean {
  if (!header) return false;
  const parts = header.split(',').map((p) => p.trim().split('=', 2) as [string, string | undefined]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(t)) return false;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(hmac(secret, t, body), 'hex');
  return parts.some(([k, v]) => {
    if (k !== 'v1' || !v || !/^[0-9a-f]{64}$/i.test(v)) return false;
    return timingSafeEqual(Buffer.from(v, 'hex'), expected);
  });
}

const marks: Record<string, string> = {
  critical: ':red_circle:',
  high: ':large_orange_circle:',
  medium: ':large_yellow_circle:',
  low: ':white_circle:',
  unspecified: ':white_circle:',
};

/** Slack's mrkdwn treats these three as markup. */
const mrkdwn = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function details(notice: Notice): string {
  const { change, counts } = notice;
  const lines = [
    `*${mrkdwn(change.vulnerabilityId)}* ${marks[change.severity] ?? ''} ${change.severity}${change.previousSeverity ? ` (was ${change.previousSeverity})` : ''}${change.cvss !== undefined ? `, CVSS ${change.cvss}` : ''}${change.kev ? ', known exploited' : ''}`,
    `Package: \`${mrkdwn(change.packageName)} ${mrkdwn(change.packageVersion)}\` (${mrkdwn(change.packageType)})`,
    change.fixedVersions.length
      ? `Fixed in: ${change.fixedVersions.map(mrkdwn).join(', ')}`
      : 'No fixed version yet',
  ];
  const more = notice.newFindings + notice.raisedFindings - 1;
  if (more > 0) lines.push(`${more} more finding${more === 1 ? '' : 's'} changed in this update`);
  lines.push(
    `Now: ${counts.critical}C ${counts.high}H ${counts.medium}M ${counts.low}L${counts.unspecified ? ` ${counts.unspecified}?` : ''}`,
  );
  return lines.join('\n');
}

/** The message an integration receives for a notice. */
export function noticeMessage(notice: Notice): WebhookMessage {
  const title = noticeTitle(notice);
  const context = `${mrkdwn(notice.repository)}:${mrkdwn(notice.tag)} · ${notice.digest}${notice.platform ? ` · ${notice.platform}` : ''}`;
  return {
    text: `crowsnest: ${title}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${mrkdwn(title)}*` } },
      { type: 'section', text: { type: 'mrkdwn', text: details(notice) } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: context }] },
    ],
  };
}

/** What "send a test message" delivers. */
export function testMessage(integrationName: string): WebhookMessage {
  return {
    text: `crowsnest: test message for the integration "${integrationName}"`,
    blocks: [
      {
        type: 'section',
        text: { type: 'mrkdwn', text: `This integration (*${mrkdwn(integrationName)}*) is set up.` },
      },
    ],
  };
}
