import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { XNYS_SHIPPED_ADHOC, getCalendar } from '../../../electron/core/calendar/index.ts';
import {
  dayNumber,
  easterSunday,
  formatDayNumber,
  parseDate,
  weekdayOf,
} from '../../../electron/core/calendar/civil-date.ts';

const HOUR = 3_600_000;
const xnys = getCalendar('XNYS');
const shippedDates = new Set(XNYS_SHIPPED_ADHOC.map((a) => a.date));
const year = fc.integer({ min: 2000, max: 2100 });

describe('XNYS calendar properties, any year 2000–2100', () => {
  it('has 8–10 rule holidays (plus shipped closures), none on a weekend', () => {
    fc.assert(
      fc.property(year, (y) => {
        const holidays = xnys.holidays(y);
        const rules = holidays.filter((h) => !shippedDates.has(h.date)).length;
        expect(rules).toBeGreaterThanOrEqual(8);
        expect(rules).toBeLessThanOrEqual(y >= 2022 ? 10 : 9);
        for (const h of holidays) expect(weekdayOf(parseDate(h.date))).toBeLessThanOrEqual(5);
        for (const h of holidays) expect(h.date.startsWith(String(y))).toBe(true);
      }),
      { numRuns: 101 },
    );
  });

  it('has 1–3 early closes, each a trading weekday closing at 13:00', () => {
    fc.assert(
      fc.property(year, (y) => {
        const closes = xnys.earlyCloses(y);
        expect(closes.length).toBeGreaterThanOrEqual(1);
        expect(closes.length).toBeLessThanOrEqual(3);
        for (const e of closes) {
          expect(e.close).toBe('13:00');
          expect(xnys.session(e.date)?.earlyClose).toBe(true);
        }
      }),
      { numRuns: 101 },
    );
  });

  it('gives sessions of 6.5 h (3.5 h early) that never overlap, opening at 09:30 local', () => {
    fc.assert(
      fc.property(year, (y) => {
        const sessions = xnys.sessionsBetween(`${y}-01-01`, `${y}-12-31`);
        expect(sessions.length).toBeGreaterThanOrEqual(246);
        expect(sessions.length).toBeLessThanOrEqual(254);
        sessions.forEach((s, i) => {
          expect(s.close - s.open).toBe(s.earlyClose ? 3.5 * HOUR : 6.5 * HOUR);
          expect(xnys.localTime(s.open)).toBe(`${s.date}T09:30`);
          const previous = sessions[i - 1];
          if (previous) expect(s.open).toBeGreaterThan(previous.close);
        });
      }),
      { numRuns: 20 },
    );
  });

  it('round-trips every day number through its date string', () => {
    fc.assert(
      fc.property(fc.integer({ min: dayNumber(2000, 1, 1), max: dayNumber(2100, 12, 31) }), (n) => {
        expect(parseDate(formatDayNumber(n))).toBe(n);
      }),
    );
  });

  it('always puts Easter on a Sunday between March 22 and April 25', () => {
    fc.assert(
      fc.property(year, (y) => {
        const easter = easterSunday(y);
        expect(weekdayOf(easter)).toBe(7);
        expect(easter).toBeGreaterThanOrEqual(dayNumber(y, 3, 22));
        expect(easter).toBeLessThanOrEqual(dayNumber(y, 4, 25));
      }),
      { numRuns: 101 },
    );
  });
});
