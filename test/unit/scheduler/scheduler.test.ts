import { describe, expect, it, vi } from 'vitest';
import { getCalendar } from '../../../electron/core/calendar/index.ts';
import { createScheduler } from '../../../electron/core/scheduler/index.ts';
import type { SchedulerOptions } from '../../../electron/core/scheduler/index.ts';
import { SCHEDULE_PRESETS, defaultScheduleEntries } from '../../../shared/schedule.ts';
import type { MissedCheck, ScheduledRun } from '../../../shared/schedule.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// Monday 2026-03-09, the first day of US daylight saving: the open is 13:30 UTC, the close 20:00 UTC.
const OPEN = Date.UTC(2026, 2, 9, 13, 30);
const CLOSE = Date.UTC(2026, 2, 9, 20, 0);

function setup(overrides: Partial<SchedulerOptions> = {}, start = OPEN - 90 * MINUTE) {
  const clock = new ManualClock(start);
  const runs: ScheduledRun[] = [];
  const missed: MissedCheck[] = [];
  const scheduler = createScheduler({
    clock,
    calendar: getCalendar('XNYS'),
    entries: defaultScheduleEntries(),
    onRun: (run) => void runs.push(run),
    onMissed: (miss) => void missed.push(miss),
    ...overrides,
  });
  return { clock, scheduler, runs, missed };
}

describe('scheduler on a normal day', () => {
  it('runs at the open and the close with zero lag and keeps exactly one timer armed', () => {
    const { clock, scheduler, runs, missed } = setup();
    scheduler.start();
    expect(clock.pendingTimers()).toBe(1);
    clock.advanceTo(OPEN);
    expect(runs).toEqual([
      expect.objectContaining({
        checkpoint: 'market_open',
        dueAt: OPEN,
        startedAt: OPEN,
        lagMs: 0,
        catchUp: false,
      }),
    ]);
    expect(clock.pendingTimers()).toBe(1);
    clock.advanceTo(CLOSE);
    expect(runs.map((r) => [r.checkpoint, r.lagMs])).toEqual([
      ['market_open', 0],
      ['market_close', 0],
    ]);
    expect(missed).toEqual([]);
  });

  it('arms one timer per due instant and nothing in between (no polling)', () => {
    const { clock, scheduler, runs } = setup();
    const setTimer = vi.spyOn(clock, 'setTimer');
    scheduler.start();
    clock.advance(7 * 24 * HOUR);
    expect(runs).toHaveLength(10);
    expect(setTimer).toHaveBeenCalledTimes(runs.length + 1);
    expect(clock.pendingTimers()).toBe(1);
  });

  it('leaves no timer behind after stop and can start again', () => {
    const { clock, scheduler, runs } = setup();
    scheduler.start();
    scheduler.stop();
    expect(clock.pendingTimers()).toBe(0);
    clock.advanceTo(OPEN + 10 * MINUTE);
    expect(runs).toHaveLength(0);
    scheduler.start(); // the open is past its 5-minute expiry: not run, and not missed while stopped
    clock.advanceTo(CLOSE);
    expect(runs.map((r) => r.checkpoint)).toEqual(['market_close']);
  });

  it('re-arms without running anything when a capped timer wakes before the due instant', () => {
    const { clock, scheduler, runs } = setup({ maxTimerMs: HOUR }, OPEN - 5 * HOUR);
    scheduler.start();
    clock.advanceTo(OPEN - 1);
    expect(runs).toHaveLength(0);
    expect(clock.pendingTimers()).toBe(1);
    clock.advanceTo(OPEN);
    expect(runs).toEqual([expect.objectContaining({ checkpoint: 'market_open', lagMs: 0, catchUp: false })]);
  });
});

describe('scheduler across a sleep over the market open', () => {
  it('runs exactly one catch-up check on resume when still within expiry', () => {
    const { clock, scheduler, runs, missed } = setup({}, OPEN - 10 * MINUTE);
    scheduler.start();
    clock.jump(13 * MINUTE); // asleep from 09:20 to 09:33
    scheduler.resync('resume');
    expect(runs).toEqual([
      expect.objectContaining({ checkpoint: 'market_open', dueAt: OPEN, lagMs: 3 * MINUTE, catchUp: true }),
    ]);
    expect(missed).toEqual([]);
    expect(clock.pendingTimers()).toBe(1);
    scheduler.resync('resume');
    clock.advanceTo(CLOSE - 1);
    expect(runs).toHaveLength(1);
  });

  it('records one missed-check alert on resume when past expiry', () => {
    const { clock, scheduler, runs, missed } = setup({}, OPEN - 10 * MINUTE);
    scheduler.start();
    clock.jump(40 * MINUTE); // wakes at 10:00, 30 min after the open
    scheduler.resync('resume');
    expect(runs).toEqual([]);
    expect(missed).toEqual([
      expect.objectContaining({
        checkpoint: 'market_open',
        dueAt: OPEN,
        detectedAt: OPEN + 30 * MINUTE,
        alert: true,
      }),
    ]);
    clock.advanceTo(CLOSE);
    expect(runs.map((r) => r.checkpoint)).toEqual(['market_close']);
    expect(missed).toHaveLength(1);
  });

  it('records a missed alert instead of catching up when catch-up is off', () => {
    const { clock, scheduler, runs, missed } = setup({ catchUp: false }, OPEN - 10 * MINUTE);
    scheduler.start();
    clock.jump(13 * MINUTE);
    scheduler.resync('resume');
    expect(runs).toEqual([]);
    expect(missed).toEqual([expect.objectContaining({ checkpoint: 'market_open', alert: true })]);
  });

  it('catches up once when the stale timer fires late, without a resume event (headless)', () => {
    const { clock, scheduler, runs, missed } = setup({}, OPEN - 10 * MINUTE);
    scheduler.start();
    clock.jump(12 * MINUTE);
    clock.advance(0); // the timer armed for 09:30 fires now, at 09:32
    expect(runs).toEqual([expect.objectContaining({ dueAt: OPEN, lagMs: 2 * MINUTE, catchUp: true })]);
    scheduler.resync('clock_jump');
    expect(runs).toHaveLength(1);
    expect(missed).toEqual([]);
  });

  it('over a weekend reports the missed Friday close and runs Monday’s open once', () => {
    const fridayAfternoon = Date.UTC(2026, 2, 6, 20, 0); // 15:00 New York
    const { clock, scheduler, runs, missed } = setup({}, fridayAfternoon);
    scheduler.start();
    clock.jump(OPEN + 2 * MINUTE - fridayAfternoon);
    scheduler.resync('resume');
    expect(missed.map((m) => [m.checkpoint, m.dueAt, m.alert])).toEqual([
      ['market_close', Date.UTC(2026, 2, 6, 21), true],
    ]);
    expect(runs).toEqual([
      expect.objectContaining({ checkpoint: 'market_open', lagMs: 2 * MINUTE, coalesced: [] }),
    ]);
  });

  it('coalesces several interval checks still within expiry into one run', () => {
    const interval = { ...SCHEDULE_PRESETS.interval(1), expirySeconds: 300 };
    const { clock, scheduler, runs, missed } = setup({ entries: [interval] }, OPEN + 10 * MINUTE);
    scheduler.start();
    clock.advance(0);
    runs.length = 0;
    clock.jump(4 * MINUTE + 30_000);
    scheduler.resync('resume');
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      dueAt: OPEN + 14 * MINUTE,
      catchUp: true,
      coalesced: ['interval', 'interval', 'interval'],
    });
    expect(missed).toEqual([]);
  });

  it('never runs a check twice when the clock jumps back', () => {
    const { clock, scheduler, runs } = setup();
    scheduler.start();
    clock.advanceTo(OPEN);
    clock.jump(-HOUR);
    scheduler.resync('clock_jump');
    clock.advanceTo(CLOSE);
    expect(runs.map((r) => r.checkpoint)).toEqual(['market_open', 'market_close']);
  });
});

describe('scheduler start, configuration and errors', () => {
  it('runs a check that fell due just before start, within its expiry, and nothing older', () => {
    const { clock, scheduler, runs, missed } = setup({}, OPEN + 2 * MINUTE);
    scheduler.start();
    expect(runs).toEqual([
      expect.objectContaining({ checkpoint: 'market_open', catchUp: true, lagMs: 2 * MINUTE }),
    ]);
    const late = setup({}, OPEN + 20 * MINUTE);
    late.scheduler.start();
    expect(late.runs).toEqual([]);
    expect(late.missed).toEqual([]);
    expect(missed).toEqual([]);
    expect(clock.pendingTimers()).toBe(1);
  });

  it('does not run an entry added after its due time, and runs it from then on', () => {
    const { clock, scheduler, runs } = setup({}, OPEN - 5 * MINUTE);
    scheduler.start();
    scheduler.update({ entries: [...defaultScheduleEntries(), SCHEDULE_PRESETS.preOpen(15)] });
    expect(runs).toEqual([]);
    expect(scheduler.upcoming(2).map((c) => c.checkpoint)).toEqual(['market_open', 'market_close']);
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(24 * HOUR);
    expect(runs.map((r) => r.checkpoint)).toEqual(['market_open', 'market_close', 'pre_open']);
  });

  it('lists upcoming checks across a holiday', () => {
    const thursdayEvening = Date.UTC(2026, 3, 2, 22, 0); // before Good Friday 2026
    const { scheduler } = setup({}, thursdayEvening);
    scheduler.start();
    expect(scheduler.upcoming(3).map((c) => new Date(c.dueAt).toISOString())).toEqual([
      '2026-04-06T13:30:00.000Z',
      '2026-04-06T20:00:00.000Z',
      '2026-04-07T13:30:00.000Z',
    ]);
    expect(() => scheduler.upcoming(0)).toThrow('(got 0)');
  });

  it('keeps going when onRun throws or rejects, reporting to onError', () => {
    const errors: unknown[] = [];
    let calls = 0;
    const { clock, scheduler } = setup({
      onRun: () => {
        calls++;
        if (calls === 1) throw new Error('boom');
        return Promise.reject(new Error('later'));
      },
      onError: (e) => void errors.push(e),
    });
    scheduler.start();
    clock.advanceTo(CLOSE);
    expect(calls).toBe(2);
    expect(clock.pendingTimers()).toBe(1);
    return Promise.resolve().then(() => {
      expect(errors.map((e) => (e as Error).message)).toEqual(['boom', 'later']);
    });
  });

  it('rejects bad entries and options naming the field and the value', () => {
    expect(() =>
      setup({ entries: [{ name: 'x', checkpoint: 'market_open', anchor: 'open', expirySeconds: -5 }] }),
    ).toThrow('entries[0].expirySeconds: at least 1 s (got -5)');
    expect(() => setup({ entries: [{ name: 'x', checkpoint: 'interval', anchor: 'interval' }] })).toThrow(
      'entries[0].everyMinutes: required when anchor is "interval"',
    );
    expect(() => setup({ lateToleranceMs: -1 })).toThrow('lateToleranceMs: at least 0 (got -1)');
    expect(() => setup({ entries: [...defaultScheduleEntries(), SCHEDULE_PRESETS.marketOpen()] })).toThrow(
      'duplicate entry name "market open"',
    );
  });
});
