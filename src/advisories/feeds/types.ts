import type { FeedPayload } from '../model.js';
import type { HttpClient } from './http.js';

/** What a feed remembers between runs to skip an unchanged upstream. */
export interface PreviousRun {
  fingerprint?: string;
  state?: unknown;
}

export interface FetchContext {
  /** Base URL: the feed's default, or the override from settings. */
  url: string;
  previous: PreviousRun;
  http: HttpClient;
  now: Date;
  /** Feed-specific settings (e.g. Alpine releases), from `CROWSNEST_FEED_<ID>_*` or flags. */
  options: Readonly<Record<string, string>>;
  log: (message: string) => void;
}

export type FetchResult =
  | { kind: 'unchanged'; fingerprint?: string; state?: unknown; origin: string }
  | { kind: 'payload'; payload: FeedPayload; fingerprint: string; state?: unknown; origin: string };

/** One upstream source. `fetch` does I/O; the parsers it uses are pure functions exported beside it. */
export interface Feed {
  id: string;
  title: string;
  /** What it stores; KEV and EPSS enrich advisories rather than being advisories. */
  kind: 'advisories' | 'kev' | 'epss';
  defaultUrl: string;
  /** Whether `crowsnest db update` without --source runs it. */
  defaultEnabled: boolean;
  fetch(ctx: FetchContext): Promise<FetchResult>;
  /** Builds a payload from files in the feed's upstream layout (for `db import`). */
  readLocal(files: readonly string[]): Promise<FeedPayload>;
}
