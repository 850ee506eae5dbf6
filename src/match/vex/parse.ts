import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import type { VexComponent, VexStatement } from './model.js';

/**
 * OpenVEX documents (spec v0.2.0, and the v0.0.x form where `vulnerability`, `products` and
 * `subcomponents` are plain strings). Unknown fields are allowed; the fields a statement needs are not
 * optional.
 */
const identifiers = z.looseObject({ purl: z.string().optional() }).optional();
const subcomponent = z.union([z.string(), z.looseObject({ '@id': z.string().optional(), identifiers })]);
const product = z.union([
  z.string(),
  z.looseObject({
    '@id': z.string().optional(),
    identifiers,
    subcomponents: z.array(subcomponent).optional(),
  }),
]);
const vulnerability = z.union([
  z.string().min(1),
  z.looseObject({ name: z.string().min(1), aliases: z.array(z.string()).optional() }),
]);
const statement = z.looseObject({
  vulnerability,
  products: z.array(product).optional(),
  subcomponents: z.array(subcomponent).optional(),
  status: z.enum(['not_affected', 'affected', 'fixed', 'under_investigation']),
  justification: z.string().optional(),
  impact_statement: z.string().optional(),
  action_statement: z.string().optional(),
  timestamp: z.string().optional(),
});
const document = z.looseObject({
  '@context': z.string().refine((c) => c.startsWith('https://openvex.dev/ns'), 'not an OpenVEX context'),
  timestamp: z.string().optional(),
  statements: z.array(statement),
});

type Component = z.infer<typeof product> | z.infer<typeof subcomponent>;

function componentOf(raw: Component, extraSubs: readonly z.infer<typeof subcomponent>[] = []): VexComponent {
  if (typeof raw === 'string') return { ids: [raw], subcomponents: extraSubs.map((s) => componentOf(s)) };
  const ids = [raw['@id'], raw.identifiers?.purl].filter((x): x is string => !!x);
  const own = 'subcomponents' in raw && Array.isArray(raw.subcomponents) ? raw.subcomponents : [];
  return { ids, subcomponents: [...own, ...extraSubs].map((s) => componentOf(s as Component)) };
}

function invalid(file: string, what: string): AppError {
  return new AppError('E_VEX_INVALID', `not a valid OpenVEX document: ${what}`, {
    where: file,
    hint: 'fix the file or leave it out of --vex-location (OpenVEX JSON: @context, statements[])',
  });
}

/** The statements of one OpenVEX document; a clear error naming the file when it is not one. */
export function parseOpenVex(text: string, file: string, firstOrder = 0): VexStatement[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalid(file, `not JSON (${(error as Error).message})`);
  }
  const parsed = document.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalid(file, `${issue?.path.join('.') || 'document'}: ${issue?.message ?? 'unexpected shape'}`);
  }
  return parsed.data.statements.map((s, index) => {
    const v = s.vulnerability;
    const names = typeof v === 'string' ? [v] : [v.name, ...(v.aliases ?? [])];
    const out: VexStatement = {
      vulnerabilities: [...new Set(names.map((n) => n.trim().toUpperCase()))],
      products: (s.products ?? []).map((p) => componentOf(p, s.subcomponents ?? [])),
      status: s.status,
      document: file,
      order: firstOrder + index,
    };
    const timestamp = s.timestamp ?? parsed.data.timestamp;
    if (timestamp) out.timestamp = timestamp;
    if (s.justification) out.justification = s.justification;
    if (s.impact_statement) out.impactStatement = s.impact_statement;
    if (s.action_statement) out.actionStatement = s.action_statement;
    return out;
  });
}
