import { z } from 'zod';
import type { FeedPayload, KevEntry } from '../../model.js';
import { pushProblem } from '../single.js';

const kevRecord = z.looseObject({
  cveID: z.string().regex(/^CVE-\d{4}-\d+$/i),
  dateAdded: z.string(),
  dueDate: z.string().optional(),
  knownRansomwareCampaignUse: z.string().optional(),
  vendorProject: z.string().optional(),
  product: z.string().optional(),
  vulnerabilityName: z.string().optional(),
});

const catalog = z.looseObject({ vulnerabilities: z.array(z.unknown()) });

/** Parses CISA's Known Exploited Vulnerabilities catalog (JSON). */
export function parseKev(text: string): FeedPayload {
  const payload: FeedPayload = { advisories: [], kev: [], complete: true, problems: [] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    payload.problems.push(`not JSON: ${(error as Error).message}`);
    return payload;
  }
  const parsed = catalog.safeParse(json);
  if (!parsed.success) {
    payload.problems.push('not a KEV catalog: no "vulnerabilities" list');
    return payload;
  }
  parsed.data.vulnerabilities.forEach((raw, index) => {
    const entry = kevRecord.safeParse(raw);
    if (!entry.success) {
      pushProblem(payload.problems, `vulnerabilities[${index}]: ${entry.error.issues[0]?.message}`);
      return;
    }
    payload.kev?.push(toEntry(entry.data));
  });
  return payload;
}

function toEntry(r: z.infer<typeof kevRecord>): KevEntry {
  const entry: KevEntry = { cve: r.cveID.toUpperCase(), dateAdded: r.dateAdded };
  if (r.dueDate) entry.dueDate = r.dueDate;
  if (r.knownRansomwareCampaignUse) entry.ransomwareUse = r.knownRansomwareCampaignUse;
  if (r.vendorProject) entry.vendor = r.vendorProject.trim();
  if (r.product) entry.product = r.product.trim();
  if (r.vulnerabilityName) entry.name = r.vulnerabilityName;
  return entry;
}
