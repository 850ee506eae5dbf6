import { AppError } from '../core/errors.js';

export type Granularity = 'weekly' | 'monthly';

/** A report period: an ISO week (Monday–Sunday, UTC) or a calendar month, as days since the epoch. */
export interface Period {
  granularity: Granularity;
  /** First day (Monday, or the 1st). */
  startDay: number;
  /** First day after the period. */
  endDay: number;
  /** `2026-W40` or `2026-09`. */
  label: string;
}

const DAY = 86_400_000;

export const dayOf = (ms: number): number => Math.floor(ms / DAY);

/** The Monday of the ISO week holding `day` (1970-01-01 was a Thursday). */
export function weekStartDay(day: number): number {
  return day - ((((day + 3) % 7) + 7) % 7);
}

export function monthStartDay(day: number): number {
  const date = new Date(day * DAY);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1) / DAY;
}

export function isoDate(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** Monday of ISO week 1: the week holding 4 January. */
function isoWeekOneMonday(year: number): number {
  return weekStartDay(Date.UTC(year, 0, 4) / DAY);
}

/** The ISO week label (`2026-W40`) of a day. */
export function isoWeekLabel(day: number): string {
  const thursday = weekStartDay(day) + 3;
  const year = new Date(thursday * DAY).getUTCFullYear();
  const week = Math.floor((thursday - isoWeekOneMonday(year)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function invalid(text: string, granularity: Granularity): AppError {
  const example = granularity === 'weekly' ? '2026-W40 (an ISO week)' : '2026-09 (a month)';
  return new AppError('E_PERIOD_INVALID', `not a ${granularity} period: ${text}`, { hint: `use ${example}` });
}

/** Parses `2026-W40` (weekly) or `2026-09` (monthly). */
export function parsePeriod(text: string, granularity: Granularity): Period {
  if (granularity === 'weekly') {
    const match = /^(\d{4})-W(\d{2})$/.exec(text);
    if (!match) throw invalid(text, granularity);
    const year = Number(match[1]);
    const week = Number(match[2]);
    const weeks = (isoWeekOneMonday(year + 1) - isoWeekOneMonday(year)) / 7;
    if (week < 1 || week > weeks) throw invalid(text, granularity);
    const startDay = isoWeekOneMonday(year) + (week - 1) * 7;
    return { granularity, startDay, endDay: startDay + 7, label: text };
  }
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  const month = Number(match?.[2]);
  if (!match || month < 1 || month > 12) throw invalid(text, granularity);
  const year = Number(match[1]);
  const startDay = Date.UTC(year, month - 1, 1) / DAY;
  return { granularity, startDay, endDay: Date.UTC(year, month, 1) / DAY, label: text };
}

/** The period of a given granularity that holds `day`. */
export function periodOf(day: number, granularity: Granularity): Period {
  if (granularity === 'weekly') {
    const startDay = weekStartDay(day);
    return { granularity, startDay, endDay: startDay + 7, label: isoWeekLabel(day) };
  }
  const startDay = monthStartDay(day);
  const label = isoDate(startDay).slice(0, 7);
  return parsePeriod(label, 'monthly');
}

/**
 * Reports cover closed periods only: a week from the Monday after it, a month from the 1st of the next
 * month (the seed: "Monthly data is available from the first day of the following calendar month").
 */
export function assertAvailable(period: Period, now: number): void {
  if (dayOf(now) >= period.endDay) return;
  throw new AppError('E_PERIOD_OPEN', `${period.label} is not over yet`, {
    hint: `its report is available from ${isoDate(period.endDay)} (UTC)`,
  });
}
