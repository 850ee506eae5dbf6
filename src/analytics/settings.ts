import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../core/errors.js';
import { dataDir } from '../core/paths.js';

export const badgeValues = ['official', 'verified_publisher', 'sponsored_oss'] as const;
export type Badge = (typeof badgeValues)[number];

const ipTypes = z.enum(['business', 'isp', 'hosting', 'education']);

/**
 * The operator's analytics settings (JSON). Domains follow one documented plan: a signed-in pull takes
 * the user's verified email domain (`users`); otherwise a business network takes the domain the operator
 * mapped to its organisation (`organizations`, or a `networks` entry), else the organisation's name.
 */
export const settingsSchema = z
  .object({
    /** Classification session window, seconds. */
    sessionWindowSeconds: z.number().positive().max(3600).default(60),
    /** How late an event may arrive and still be ordered into its session, seconds. */
    latenessSeconds: z.number().min(0).max(86_400).default(30),
    /** Publisher (organisation) → its namespaces, id and tracked company domains. */
    publishers: z
      .record(
        z.string(),
        z.object({
          id: z.string().optional(),
          namespaces: z.array(z.string()).default([]),
          trackedDomains: z.array(z.string()).default([]),
        }),
      )
      .default({}),
    /** Repository (`ns/name`) → badges granted by the operator. */
    badges: z.record(z.string(), z.array(z.enum(badgeValues))).default({}),
    /** Network organisation name (as in the ASN data) → company domain. */
    organizations: z.record(z.string(), z.string()).default({}),
    /** Operator-known networks (e.g. private ranges behind a proxy). */
    networks: z
      .array(
        z.object({
          cidr: z.string(),
          organization: z.string(),
          domain: z.string().optional(),
          type: ipTypes.optional(),
          country: z.string().length(2).optional(),
          csp: z.string().optional(),
        }),
      )
      .default([]),
    /** Registry user → verified email address or domain. */
    users: z.record(z.string(), z.string()).default({}),
    /** Tracked domains per publisher, at most. */
    maxTrackedDomains: z.number().int().positive().default(10),
  })
  .strict();

export type AnalyticsSettings = z.infer<typeof settingsSchema>;

export const defaultSettings = (): AnalyticsSettings => settingsSchema.parse({});

export function settingsPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), 'analytics-settings.json');
}

/** Reads a settings file; the default path may be absent (defaults apply), an explicit one may not. */
export function loadSettings(
  file: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): AnalyticsSettings {
  const path = file ?? settingsPath(env);
  if (!existsSync(path)) {
    if (file) throw new AppError('E_INPUT_NOT_FOUND', 'no analytics settings file', { where: path });
    return defaultSettings();
  }
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new AppError('E_CONFIG_INVALID', `analytics settings are not JSON: ${(error as Error).message}`, {
      where: path,
    });
  }
  const parsed = settingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'E_CONFIG_INVALID',
      `analytics settings: ${issue?.path.join('.')}: ${issue?.message}`,
      {
        where: path,
        hint: 'fix the file (see the analytics section of the README)',
      },
    );
  }
  return parsed.data;
}

/** The publisher that owns a namespace: the one listing it, else the namespace itself. */
export function publisherResolver(settings: AnalyticsSettings): (namespace: string) => string {
  const owners = new Map<string, string>();
  for (const [name, publisher] of Object.entries(settings.publishers)) {
    for (const namespace of publisher.namespaces) owners.set(namespace, name);
  }
  return (namespace) => owners.get(namespace) ?? namespace;
}

export function publisherId(settings: AnalyticsSettings, publisher: string): string {
  return settings.publishers[publisher]?.id ?? publisher;
}

/** `acme/app` → namespace `acme`; a one-segment name is its own namespace (`library` style is not assumed). */
export function namespaceOf(repository: string): string {
  const slash = repository.indexOf('/');
  return slash < 0 ? repository : repository.slice(0, slash);
}

/** Every domain the settings name, so the university list is consulted before the hot path needs it. */
export function settingsDomains(settings: AnalyticsSettings): string[] {
  return [
    ...Object.values(settings.users),
    ...Object.values(settings.organizations),
    ...settings.networks.flatMap((n) => (n.domain ? [n.domain] : [])),
    ...Object.values(settings.publishers).flatMap((p) => p.trackedDomains),
  ];
}
