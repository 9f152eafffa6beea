import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getCalendar } from '../../../electron/core/calendar/index.ts';
import { computeSchedule, createScheduler } from '../../../electron/core/scheduler/index.ts';
import { SCHEDULE_PRESETS, defaultScheduleEntries, scheduleConfigSchema } from '../../../shared/schedule.ts';
import type { MissedCheck, ScheduledRun } from '../../../shared/schedule.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';

const MINUTE = 60_000;
const START = Date.UTC(2026, 2, 9, 12, 0); // Monday 08:00 New York

const step = fc.record({
  kind: fc.constantFrom('advance', 'sleep_resume', 'sleep_headless'),
  ms: fc.integer({ min: 0, max: 8 * 60 * MINUTE }),
});

describe('scheduler under arbitrary sleeps and wake-ups', () => {
  it('accounts for every due check exactly once: run, folded into a run, or missed', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 12 }), fc.boolean(), (steps, catchUp) => {
        const clock = new ManualClock(START);
        const calendar = getCalendar('XNYS');
        const entries = [...defaultScheduleEntries(), SCHEDULE_PRESETS.interval(30)];
        const runs: ScheduledRun[] = [];
        const missed: MissedCheck[] = [];
        const scheduler = createScheduler({
          clock,
          calendar,
          entries,
          catchUp,
          onRun: (r) => void runs.push(r),
          onMissed: (m) => void missed.push(m),
        });
        scheduler.start();
        for (const s of steps) {
          if (s.kind === 'advance') clock.advance(s.ms);
          else {
            clock.jump(s.ms);
            if (s.kind === 'sleep_resume') scheduler.resync('resume');
            else clock.advance(0);
          }
          expect(clock.pendingTimers()).toBe(1);
        }
        scheduler.resync('clock_jump');
        const end = clock.now();
        const expected = computeSchedule(calendar, entries, START, end + 1);
        const handled = runs.length + runs.reduce((n, r) => n + r.coalesced.length, 0) + missed.length;
        expect(handled).toBe(expected.length);
        const runDue = runs.map((r) => r.dueAt);
        expect(new Set([...runDue, ...missed.map((m) => m.dueAt)]).size).toBe(runs.length + missed.length);
        for (const r of runs) {
          expect(r.lagMs).toBe(r.startedAt - r.dueAt);
          expect(r.startedAt).toBeLessThanOrEqual(r.expiresAt);
          if (!catchUp) expect(r.catchUp).toBe(false);
        }
        for (const m of missed)
          expect(m.alert).toBe(m.checkpoint === 'market_open' || m.checkpoint === 'market_close');
        scheduler.stop();
        expect(clock.pendingTimers()).toBe(0);
      }),
      { numRuns: 150 },
    );
  });
});

describe('schedule config defaults', () => {
  it('defaults to XNYS, the open and close checks, no extra closures and catch-up on', () => {
    expect(scheduleConfigSchema.parse({})).toEqual({
      exchange: 'XNYS',
      entries: defaultScheduleEntries(),
      adhoc: [],
      catchUp: true,
    });
    expect(
      defaultScheduleEntries().map((e) => [e.checkpoint, e.anchor, e.offsetMinutes, e.expirySeconds]),
    ).toEqual([
      ['market_open', 'open', 0, 300],
      ['market_close', 'close', 0, 300],
    ]);
  });
});
