import { AppError } from '../../core/errors.js';
import type { Feed } from './types.js';

/** Per-feed overrides: the upstream URL and feed-specific options. */
export interface FeedSettings {
  urls: Record<string, string>;
  options: Record<string, Record<string, string>>;
}

export function emptySettings(): FeedSettings {
  return { urls: {}, options: {} };
}

/** "osv-go" → "OSV_GO", the feed's part of an environment variable name. */
export function envName(feedId: string): string {
  return feedId.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

/**
 * Reads `CROWSNEST_FEED_<ID>_URL` and `CROWSNEST_FEED_<ID>_<OPTION>` (option names lower-cased), e.g.
 * `CROWSNEST_FEED_OSV_GO_URL=http://127.0.0.1:8080` or `CROWSNEST_FEED_ALPINE_RELEASES=v3.19,v3.20`.
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv, feeds: Iterable<Feed>): FeedSettings {
  const settings = emptySettings();
  for (const feed of feeds) {
    const prefix = `CROWSNEST_FEED_${envName(feed.id)}_`;
    for (const [name, value] of Object.entries(env)) {
      if (!name.startsWith(prefix) || value === undefined || value === '') continue;
      const key = name.slice(prefix.length).toLowerCase();
      if (key === 'url') {
        settings.urls[feed.id] = value;
      } else {
        const options = settings.options[feed.id] ?? {};
        options[key] = value;
        settings.options[feed.id] = options;
      }
    }
  }
  return settings;
}

/** Applies `ID=URL` pairs from the command line over the environment's settings. */
export function withUrlOverrides(
  settings: FeedSettings,
  pairs: readonly string[],
  known: ReadonlySet<string>,
): FeedSettings {
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const id = pair.slice(0, eq);
    if (eq < 1 || !known.has(id)) {
      throw new AppError('E_USAGE', `--feed-url expects ID=URL with a known feed id, got "${pair}"`, {
        hint: "see 'crowsnest db status' for the feed ids",
      });
    }
    settings.urls[id] = pair.slice(eq + 1);
  }
  return settings;
}
