import { describe, expect, it } from 'vitest';
import { getCalendar } from '../../../electron/core/calendar/index.ts';
import { computeSchedule } from '../../../electron/core/scheduler/index.ts';
import { SCHEDULE_PRESETS, defaultScheduleEntries, scheduleEntrySchema } from '../../../shared/schedule.ts';

const xnys = getCalendar('XNYS');
const iso = (ms: number): string => new Date(ms).toISOString();

describe('computeSchedule', () => {
  it('puts one check at each open and close, in New York time across the DST switch', () => {
    const checks = computeSchedule(
      xnys,
      defaultScheduleEntries(),
      Date.UTC(2026, 2, 6),
      Date.UTC(2026, 2, 10),
    );
    expect(checks.map((c) => [c.checkpoint, iso(c.dueAt)])).toEqual([
      ['market_open', '2026-03-06T14:30:00.000Z'],
      ['market_close', '2026-03-06T21:00:00.000Z'],
      ['market_open', '2026-03-09T13:30:00.000Z'],
      ['market_close', '2026-03-09T20:00:00.000Z'],
    ]);
    expect(checks[0]).toEqual({
      name: 'market open',
      checkpoint: 'market_open',
      dueAt: Date.UTC(2026, 2, 6, 14, 30),
      expiresAt: Date.UTC(2026, 2, 6, 14, 35),
      priority: 100,
      exchange: 'XNYS',
    });
  });

  it('moves the close check to 13:00 on early-close days and skips holidays', () => {
    const checks = computeSchedule(
      xnys,
      defaultScheduleEntries(),
      Date.UTC(2026, 10, 26),
      Date.UTC(2026, 10, 28),
    );
    expect(checks.map((c) => iso(c.dueAt))).toEqual(['2026-11-27T14:30:00.000Z', '2026-11-27T18:00:00.000Z']);
  });

  it('places the optional presets relative to the session', () => {
    const entries = [
      SCHEDULE_PRESETS.preOpen(20),
      SCHEDULE_PRESETS.midday(),
      SCHEDULE_PRESETS.afterHours(30),
      SCHEDULE_PRESETS.marketOpen(),
    ];
    const checks = computeSchedule(xnys, entries, Date.UTC(2026, 0, 5), Date.UTC(2026, 0, 6));
    expect(checks.map((c) => [c.checkpoint, xnys.localTime(c.dueAt)])).toEqual([
      ['pre_open', '2026-01-05T09:10'],
      ['market_open', '2026-01-05T09:30'],
      ['midday', '2026-01-05T12:30'],
      ['after_hours', '2026-01-05T16:30'],
    ]);
  });

  it('coalesces entries due at the same instant into the highest-priority one', () => {
    const entries = [SCHEDULE_PRESETS.interval(30), ...defaultScheduleEntries()];
    const checks = computeSchedule(xnys, entries, Date.UTC(2026, 0, 5), Date.UTC(2026, 0, 6));
    // 09:30 … 15:30 every 30 min = 13 ticks, the 09:30 one coalesced into the open; plus the close.
    expect(checks).toHaveLength(14);
    expect(checks[0]?.name).toBe('market open');
    expect(checks.filter((c) => c.checkpoint === 'interval')).toHaveLength(12);
    expect(checks.at(-1)).toMatchObject({ checkpoint: 'market_close', dueAt: Date.UTC(2026, 0, 5, 21) });
  });

  it('breaks a priority tie by checkpoint importance', () => {
    const tie = scheduleEntrySchema.parse({
      name: 'also at open',
      checkpoint: 'midday',
      anchor: 'open',
      priority: 100,
    });
    const checks = computeSchedule(
      xnys,
      [tie, SCHEDULE_PRESETS.marketOpen()],
      Date.UTC(2026, 0, 5),
      Date.UTC(2026, 0, 6),
    );
    expect(checks.map((c) => c.name)).toEqual(['market open']);
  });

  it('leaves out disabled entries and treats the window as half-open', () => {
    const [open, close] = defaultScheduleEntries() as [
      ReturnType<typeof defaultScheduleEntries>[number],
      ReturnType<typeof defaultScheduleEntries>[number],
    ];
    const openAt = Date.UTC(2026, 0, 5, 14, 30);
    expect(computeSchedule(xnys, [open, { ...close, enabled: false }], openAt, openAt + 1)).toHaveLength(1);
    expect(computeSchedule(xnys, [open], openAt + 1, Date.UTC(2026, 0, 5, 23))).toHaveLength(0);
    expect(computeSchedule(xnys, [open], openAt - 1, openAt)).toHaveLength(0);
  });

  it('follows the 24/7 crypto calendar every day', () => {
    const crypto = getCalendar('CRYPTO');
    const checks = computeSchedule(
      crypto,
      [SCHEDULE_PRESETS.marketOpen()],
      Date.UTC(2026, 2, 7),
      Date.UTC(2026, 2, 9),
    );
    expect(checks.map((c) => iso(c.dueAt))).toEqual(['2026-03-07T00:00:00.000Z', '2026-03-08T00:00:00.000Z']);
  });

  it('rejects a reversed or non-finite window', () => {
    expect(() => computeSchedule(xnys, [], 10, 5)).toThrow('from 10, to 5');
    expect(() => computeSchedule(xnys, [], Number.NaN, 5)).toThrow('from NaN');
  });
});
