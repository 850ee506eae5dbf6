import cvss from 'ae-cvss-calculator';
import type { Advisory, Rating, Severity, ShownSeverity } from './model.js';

export interface CvssScore {
  score: number;
  version: '2.0' | '3.0' | '3.1' | '4.0';
  vector: string;
}

const cache = new Map<string, CvssScore | null>();

/**
 * Scores a CVSS vector (v2, v3.0, v3.1, v4.0) with ae-cvss-calculator. Returns undefined for anything that
 * is not a complete base vector. Memoised: feeds repeat the same vectors thousands of times.
 */
export function scoreVector(vector: string): CvssScore | undefined {
  const key = vector.trim();
  if (!cache.has(key)) cache.set(key, computeScore(key));
  return cache.get(key) ?? undefined;
}

function computeScore(vector: string): CvssScore | null {
  if (!/^(CVSS:[234]\.[01]\/|\(?AV:)/.test(vector)) return null;
  try {
    const parsed = cvss.fromVector(vector) as {
      getVectorName(): string;
      isBaseFullyDefined(): boolean;
      calculateScores(): { base?: number; overall: number };
    } | null;
    if (!parsed?.isBaseFullyDefined()) return null;
    const name = parsed.getVectorName().replace('CVSS:', '');
    const scores = parsed.calculateScores();
    const score = scores.base ?? scores.overall;
    if (!Number.isFinite(score)) return null;
    return { score, version: name as CvssScore['version'], vector };
  } catch {
    return null;
  }
}

/** CVSS qualitative rating. v2 has no "critical": 7.0–10 is "high" there. */
export function ratingOf(score: number, version: CvssScore['version']): Rating {
  if (score === 0) return 'none';
  if (score >= 9 && version !== '2.0') return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  return 'low';
}

const wordRatings: Record<string, Rating> = {
  critical: 'critical',
  high: 'high',
  important: 'high',
  medium: 'medium',
  moderate: 'medium',
  low: 'low',
  negligible: 'low',
  unimportant: 'low',
  none: 'none',
};

/** Maps a distro or database word rating ("Important", "medium**", "negligible") to a rating. */
export function ratingOfWord(word: string): Rating {
  return wordRatings[word.toLowerCase().replace(/\*+$/, '').trim()] ?? 'unknown';
}

const ratingOrder: Rating[] = ['unknown', 'none', 'low', 'medium', 'high', 'critical'];

/** Scores one severity entry: a CVSS vector, a bare CVSS score, or a word rating. */
export function scoreSeverity(severity: Severity, fallbackSource: string): ShownSeverity | undefined {
  const source = severity.source ?? fallbackSource;
  const isCvss = /^CVSS_V[234]$/.test(severity.type);
  if (isCvss) {
    const scored = scoreVector(severity.score);
    if (scored) {
      const rating = ratingOf(scored.score, scored.version);
      return { rating, score: scored.score, type: severity.type, vector: scored.vector, source };
    }
    const bare = Number(severity.score);
    if (severity.score.trim() !== '' && Number.isFinite(bare) && bare >= 0 && bare <= 10) {
      const version = severity.type === 'CVSS_V2' ? '2.0' : '3.1';
      return { rating: ratingOf(bare, version), score: bare, type: severity.type, source };
    }
    return undefined;
  }
  const rating = ratingOfWord(severity.score);
  return rating === 'unknown' ? undefined : { rating, type: severity.type, source };
}

/** Orders shown severities: numeric CVSS scores first by value, then word ratings. */
function higher(a: ShownSeverity, b: ShownSeverity): ShownSeverity {
  if (a.score !== undefined && b.score !== undefined) return b.score > a.score ? b : a;
  if (a.score !== undefined) return a;
  if (b.score !== undefined) return b;
  return ratingOrder.indexOf(b.rating) > ratingOrder.indexOf(a.rating) ? b : a;
}

/** Every severity an advisory carries: top-level and per affected package. */
export function allSeverities(advisory: Advisory): Severity[] {
  const out = [...(advisory.severity ?? [])];
  for (const affected of advisory.affected) out.push(...(affected.severity ?? []));
  return out;
}

/** The highest severity among the given advisories (an alias group), naming its source. */
export function highestSeverity(advisories: readonly Advisory[]): ShownSeverity | undefined {
  let best: ShownSeverity | undefined;
  for (const advisory of advisories) {
    for (const severity of allSeverities(advisory)) {
      const shown = scoreSeverity(severity, advisory.source);
      if (shown) best = best ? higher(best, shown) : shown;
    }
  }
  return best;
}

/** Sets `shown_severity` from the advisory's own severities. */
export function withShownSeverity(advisory: Advisory): Advisory {
  const shown = highestSeverity([advisory]);
  if (shown) advisory.shown_severity = shown;
  else delete advisory.shown_severity;
  return advisory;
}
