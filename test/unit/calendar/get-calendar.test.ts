import { describe, expect, it } from 'vitest';
import { EXCHANGES, calendarMonth, getCalendar } from '../../../electron/core/calendar/index.ts';

describe('getCalendar', () => {
  it('ships XNYS and a 24/7 crypto calendar', () => {
    expect(EXCHANGES).toEqual(['XNYS', 'CRYPTO']);
    expect(getCalendar('XNYS').zone).toBe('America/New_York');
    expect(getCalendar('CRYPTO').zone).toBe('UTC');
  });

  it('names an unknown exchange and lists the known ones', () => {
    expect(() => getCalendar('XLON')).toThrow('unknown exchange "XLON"; known exchanges: XNYS, CRYPTO');
  });

  it('extends the shipped closures with the user’s ad-hoc closures and early closes', () => {
    const xnys = getCalendar('XNYS', {
      adhoc: [
        { date: '2026-06-12', type: 'closed', name: 'Exchange outage' },
        { date: '2026-06-15', type: 'early_close', close: '14:00', name: 'Systems test' },
      ],
    });
    expect(xnys.isTradingDay('2026-06-12')).toBe(false);
    expect(xnys.holidays(2026)).toContainEqual({ date: '2026-06-12', name: 'Exchange outage' });
    expect(xnys.session('2026-06-15')).toMatchObject({
      earlyClose: true,
      close: Date.UTC(2026, 5, 15, 18, 0),
    });
    expect(xnys.earlyCloses(2026)).toContainEqual({
      date: '2026-06-15',
      close: '14:00',
      name: 'Systems test',
    });
    // The shipped list is still there.
    expect(xnys.isTradingDay('2025-01-09')).toBe(false);
  });

  it('lets a user entry replace the shipped entry for the same date', () => {
    const xnys = getCalendar('XNYS', {
      adhoc: [{ date: '2025-01-09', type: 'early_close', name: 'Reopened for a half day' }],
    });
    expect(xnys.session('2025-01-09')).toMatchObject({
      earlyClose: true,
      close: Date.UTC(2025, 0, 9, 18, 0),
    });
  });

  it('keeps a rule holiday closed when an ad-hoc early close names the same day', () => {
    const xnys = getCalendar('XNYS', { adhoc: [{ date: '2026-12-25', type: 'early_close', name: 'x' }] });
    expect(xnys.isTradingDay('2026-12-25')).toBe(false);
    expect(xnys.earlyCloses(2026).map((e) => e.date)).not.toContain('2026-12-25');
  });

  it('rejects bad ad-hoc entries naming the field and the value', () => {
    expect(() => getCalendar('XNYS', { adhoc: [{ date: '2026-13-01', type: 'closed', name: 'x' }] })).toThrow(
      'adhoc[0].date: a date that exists on the calendar (got "2026-13-01")',
    );
    expect(() =>
      getCalendar('XNYS', {
        adhoc: [{ date: '2026-06-15', type: 'early_close', close: '25:00', name: 'x' }],
      }),
    ).toThrow('adhoc[0].close');
    expect(() =>
      getCalendar('XNYS', {
        adhoc: [{ date: '2026-06-15', type: 'early_close', close: '17:00', name: 'x' }],
      }),
    ).toThrow('close 17:00 must fall between the XNYS open 09:30 and its regular close 16:00');
  });
});

describe('calendarMonth', () => {
  it('lists every day of the month with its session, holiday or early close', () => {
    const month = calendarMonth(getCalendar('XNYS'), 2026, 11);
    expect(month.days).toHaveLength(30);
    const byDate = new Map(month.days.map((d) => [d.date, d]));
    expect(byDate.get('2026-11-26')).toMatchObject({
      weekday: 4,
      session: null,
      holiday: 'Thanksgiving Day',
    });
    expect(byDate.get('2026-11-27')).toMatchObject({
      holiday: null,
      earlyClose: { date: '2026-11-27', close: '13:00', name: 'Day after Thanksgiving' },
      session: { earlyClose: true },
    });
    expect(byDate.get('2026-11-01')).toMatchObject({ weekday: 7, session: null, holiday: null });
    expect(month.days.filter((d) => d.session).length).toBe(20);
  });

  it('rejects a month outside 1–12', () => {
    expect(() => calendarMonth(getCalendar('XNYS'), 2026, 13)).toThrow('(got 13)');
  });
});
