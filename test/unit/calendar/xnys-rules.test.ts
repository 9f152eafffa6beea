import { describe, expect, it } from 'vitest';
import { getCalendar } from '../../../electron/core/calendar/index.ts';

const xnys = getCalendar('XNYS');
const holidayDates = (year: number): string[] => xnys.holidays(year).map((h) => h.date);
const earlyCloseDates = (year: number): string[] => xnys.earlyCloses(year).map((e) => e.date);

describe('XNYS holidays from the rules', () => {
  it('reproduces the published 2024 and 2026 holiday lists', () => {
    expect(holidayDates(2024)).toEqual([
      '2024-01-01',
      '2024-01-15',
      '2024-02-19',
      '2024-03-29',
      '2024-05-27',
      '2024-06-19',
      '2024-07-04',
      '2024-09-02',
      '2024-11-28',
      '2024-12-25',
    ]);
    expect(holidayDates(2026)).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-04-03',
      '2026-05-25',
      '2026-06-19',
      '2026-07-03',
      '2026-09-07',
      '2026-11-26',
      '2026-12-25',
    ]);
  });

  it('does not observe New Year’s Day on a Saturday (2022): 2021-12-31 trades', () => {
    expect(holidayDates(2021)).not.toContain('2021-12-31');
    expect(holidayDates(2022)).not.toContain('2022-01-01');
    expect(xnys.isTradingDay('2021-12-31')).toBe(true);
    expect(xnys.session('2021-12-31')?.earlyClose).toBe(false);
  });

  it('moves New Year’s Day on a Sunday to the Monday (2023-01-02)', () => {
    expect(xnys.holidays(2023)[0]).toEqual({ date: '2023-01-02', name: "New Year's Day (observed)" });
  });

  it('starts Juneteenth in 2022, observed Monday 2022-06-20', () => {
    expect(holidayDates(2021).some((d) => d.startsWith('2021-06'))).toBe(false);
    expect(holidayDates(2022)).toContain('2022-06-20');
    expect(xnys.isTradingDay('2022-06-20')).toBe(false);
  });

  it('computes Good Friday from Easter', () => {
    expect(holidayDates(2024)).toContain('2024-03-29');
    expect(holidayDates(2025)).toContain('2025-04-18');
    expect(holidayDates(2026)).toContain('2026-04-03');
    expect(holidayDates(2000)).toContain('2000-04-21');
    expect(holidayDates(2038)).toContain('2038-04-23');
  });

  it('observes a Sunday July 4 on Monday and gives a Saturday July 3 no early close (2027)', () => {
    expect(holidayDates(2027)).toContain('2027-07-05');
    expect(earlyCloseDates(2027)).toEqual(['2027-11-26']);
    expect(xnys.session('2027-07-02')?.earlyClose).toBe(false);
  });

  it('observes a Sunday Christmas on Monday (2022-12-26) and a Saturday one on Friday (2021-12-24)', () => {
    expect(holidayDates(2022)).toContain('2022-12-26');
    expect(holidayDates(2021)).toContain('2021-12-24');
    expect(earlyCloseDates(2021)).not.toContain('2021-12-24');
  });

  it('ships the 2025-01-09 National Day of Mourning closure', () => {
    expect(xnys.holidays(2025)).toContainEqual({
      date: '2025-01-09',
      name: 'National Day of Mourning for President Carter',
    });
    expect(xnys.isTradingDay('2025-01-09')).toBe(false);
  });
});

describe('XNYS early closes at 13:00', () => {
  it('closes early on July 3 Monday–Thursday, after Thanksgiving and on December 24 Monday–Thursday', () => {
    expect(xnys.earlyCloses(2024)).toEqual([
      { date: '2024-07-03', close: '13:00', name: 'Day before Independence Day' },
      { date: '2024-11-29', close: '13:00', name: 'Day after Thanksgiving' },
      { date: '2024-12-24', close: '13:00', name: 'Christmas Eve' },
    ]);
    expect(earlyCloseDates(2026)).toEqual(['2026-11-27', '2026-12-24']);
    // Monday July 3 and Thursday December 24.
    expect(earlyCloseDates(2023)).toEqual(['2023-07-03', '2023-11-24']);
    expect(earlyCloseDates(2020)).toEqual(['2020-11-27', '2020-12-24']);
  });

  it('has no December 24 early close on a Friday (2027: observed Christmas) or a weekend (2022)', () => {
    expect(earlyCloseDates(2027)).not.toContain('2027-12-24');
    expect(earlyCloseDates(2022)).not.toContain('2022-12-24');
  });

  it('before 2013 closed early on Friday July 5 instead of a Wednesday July 3 (2002)', () => {
    expect(earlyCloseDates(2002)).toContain('2002-07-05');
    expect(earlyCloseDates(2002)).not.toContain('2002-07-03');
    expect(earlyCloseDates(2013)).toContain('2013-07-03');
    expect(earlyCloseDates(2013)).not.toContain('2013-07-05');
  });

  it('sets the session close to 13:00 New York time on early-close days', () => {
    const session = xnys.session('2026-11-27');
    expect(session).toEqual({
      date: '2026-11-27',
      open: Date.UTC(2026, 10, 27, 14, 30),
      close: Date.UTC(2026, 10, 27, 18, 0),
      earlyClose: true,
    });
    expect(xnys.session('2024-07-03')?.close).toBe(Date.UTC(2024, 6, 3, 17, 0));
  });
});
