import { describe, expect, it } from 'vitest';
import { getCalendar } from '../../../electron/core/calendar/index.ts';

const xnys = getCalendar('XNYS');

describe('XNYS session times in America/New_York', () => {
  it('opens 14:30 UTC in winter and 13:30 UTC in summer across the March switch week', () => {
    expect(xnys.session('2026-03-06')).toMatchObject({
      open: Date.UTC(2026, 2, 6, 14, 30),
      close: Date.UTC(2026, 2, 6, 21, 0),
    });
    expect(xnys.session('2026-03-09')).toMatchObject({
      open: Date.UTC(2026, 2, 9, 13, 30),
      close: Date.UTC(2026, 2, 9, 20, 0),
    });
  });

  it('moves back to 14:30 UTC across the November switch week', () => {
    expect(xnys.session('2026-10-30')?.open).toBe(Date.UTC(2026, 9, 30, 13, 30));
    expect(xnys.session('2026-11-02')?.open).toBe(Date.UTC(2026, 10, 2, 14, 30));
    expect(xnys.localTime(Date.UTC(2026, 10, 2, 14, 30))).toBe('2026-11-02T09:30');
  });

  it('has no session on weekends or holidays', () => {
    expect(xnys.session('2026-03-07')).toBeNull();
    expect(xnys.session('2026-04-03')).toBeNull();
    expect(xnys.isTradingDay('2026-04-02')).toBe(true);
  });

  it('finds the session in progress at an instant', () => {
    const open = Date.UTC(2026, 2, 9, 13, 30);
    expect(xnys.sessionAt(open)?.date).toBe('2026-03-09');
    expect(xnys.sessionAt(open - 1)).toBeNull();
    expect(xnys.sessionAt(Date.UTC(2026, 2, 9, 20, 0))).toBeNull();
  });

  it('steps to the next and previous sessions over weekends and holidays', () => {
    // Thursday before Good Friday 2026, after the close.
    const thursdayEvening = Date.UTC(2026, 3, 2, 22, 0);
    expect(xnys.nextSession(thursdayEvening).date).toBe('2026-04-06');
    expect(xnys.previousSession(thursdayEvening).date).toBe('2026-04-02');
    // During a session the next one is tomorrow's and the previous one yesterday's.
    const midSession = Date.UTC(2026, 3, 7, 15, 0);
    expect(xnys.nextSession(midSession).date).toBe('2026-04-08');
    expect(xnys.previousSession(midSession).date).toBe('2026-04-06');
  });

  it('lists the sessions in a range, both ends inclusive', () => {
    const dates = xnys.sessionsBetween('2026-04-01', '2026-04-07').map((s) => s.date);
    expect(dates).toEqual(['2026-04-01', '2026-04-02', '2026-04-06', '2026-04-07']);
    expect(xnys.sessionsBetween('2026-01-01', '2026-12-31')).toHaveLength(251);
  });

  it('gives the exchange-local date of an instant', () => {
    expect(xnys.startOfDay('2026-03-09')).toBe(Date.UTC(2026, 2, 9, 4));
    expect(xnys.startOfDay('2026-01-05')).toBe(Date.UTC(2026, 0, 5, 5));
    expect(xnys.dateAt(Date.UTC(2026, 0, 1, 3, 0))).toBe('2025-12-31');
    expect(xnys.dateAt(Date.UTC(2026, 6, 1, 4, 0))).toBe('2026-07-01');
  });

  it('rejects malformed dates, reversed ranges and years outside 2000–2100 with the value', () => {
    expect(() => xnys.session('2026-02-30')).toThrow('date "2026-02-30" is not a valid YYYY-MM-DD date');
    expect(() => xnys.session('26-1-1')).toThrow('"26-1-1"');
    expect(() => xnys.sessionsBetween('2026-02-01', '2026-01-01')).toThrow('after to date');
    expect(() => xnys.holidays(1999)).toThrow('year 1999 is outside the XNYS calendar');
    expect(() => xnys.session('2101-01-03')).toThrow('year 2101');
    expect(() => xnys.nextSession(Date.UTC(2100, 11, 31, 22))).toThrow('no XNYS session after');
  });
});

describe('CRYPTO calendar', () => {
  const crypto = getCalendar('CRYPTO');

  it('trades every day, midnight to midnight UTC, with contiguous sessions', () => {
    const sessions = crypto.sessionsBetween('2026-03-07', '2026-03-09');
    expect(sessions.map((s) => s.date)).toEqual(['2026-03-07', '2026-03-08', '2026-03-09']);
    expect(sessions[0]).toEqual({
      date: '2026-03-07',
      open: Date.UTC(2026, 2, 7),
      close: Date.UTC(2026, 2, 8),
      earlyClose: false,
    });
    expect(crypto.holidays(2026)).toEqual([]);
    expect(crypto.sessionAt(Date.UTC(2026, 2, 8, 0, 0))?.date).toBe('2026-03-08');
    expect(crypto.nextSession(Date.UTC(2026, 2, 8, 12)).date).toBe('2026-03-09');
  });
});
