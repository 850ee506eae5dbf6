import { describe, expect, it } from 'vitest';
import {
  assertAvailable,
  dayOf,
  isoDate,
  isoWeekLabel,
  monthStartDay,
  parsePeriod,
  periodOf,
  weekStartDay,
} from './periods.js';

const day = (iso: string) => dayOf(Date.parse(`${iso}T12:00:00Z`));

describe('ISO weeks (Monday–Sunday) and months', () => {
  it.each([
    ['2025-09-29', '2025-09-29', '2025-W40'], // the seed's example week start
    ['2025-10-05', '2025-09-29', '2025-W40'], // Sunday belongs to the week before
    ['2021-01-03', '2020-12-28', '2020-W53'], // a 53-week year
    ['2024-12-30', '2024-12-30', '2025-W01'], // week 1 of the next year starts in December
    ['1970-01-01', '1969-12-29', '1970-W01'],
  ])('%s is in the week starting %s (%s)', (date, monday, label) => {
    expect(isoDate(weekStartDay(day(date)))).toBe(monday);
    expect(isoWeekLabel(day(date))).toBe(label);
  });

  it('parses weeks and months into start and end days', () => {
    const week = parsePeriod('2026-W40', 'weekly');
    expect([isoDate(week.startDay), isoDate(week.endDay)]).toEqual(['2026-09-28', '2026-10-05']);
    const month = parsePeriod('2026-02', 'monthly');
    expect([isoDate(month.startDay), isoDate(month.endDay)]).toEqual(['2026-02-01', '2026-03-01']);
    expect(isoDate(monthStartDay(day('2026-02-28')))).toBe('2026-02-01');
    expect(periodOf(day('2020-12-31'), 'weekly').label).toBe('2020-W53');
    expect(periodOf(day('2026-09-15'), 'monthly').label).toBe('2026-09');
  });

  it.each([
    ['2026-W54', 'weekly'],
    ['2026-W00', 'weekly'],
    ['2025-W53', 'weekly'],
    ['2026-9', 'monthly'],
    ['2026-13', 'monthly'],
    ['2026-09', 'weekly'],
    ['2026-W40', 'monthly'],
  ] as const)('refuses %s as %s', (text, granularity) => {
    expect(() => parsePeriod(text, granularity)).toThrow(
      expect.objectContaining({ code: 'E_PERIOD_INVALID' }),
    );
  });

  it('a month is available from the 1st of the next month, a week from the next Monday', () => {
    const month = parsePeriod('2026-09', 'monthly');
    expect(() => assertAvailable(month, Date.parse('2026-09-30T23:59:59Z'))).toThrow(
      expect.objectContaining({
        code: 'E_PERIOD_OPEN',
        hint: 'its report is available from 2026-10-01 (UTC)',
      }),
    );
    expect(() => assertAvailable(month, Date.parse('2026-10-01T00:00:00Z'))).not.toThrow();
    const week = parsePeriod('2026-W40', 'weekly');
    expect(() => assertAvailable(week, Date.parse('2026-10-04T23:00:00Z'))).toThrow();
    expect(() => assertAvailable(week, Date.parse('2026-10-05T00:00:00Z'))).not.toThrow();
  });
});
