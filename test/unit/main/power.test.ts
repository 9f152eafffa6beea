import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { getCalendar } from '../../../electron/core/calendar/index.ts';
import type { Notice } from '../../../electron/core/notify/notice.ts';
import { NotificationPolicy } from '../../../electron/core/notify/policy.ts';
import { createScheduler } from '../../../electron/core/scheduler/index.ts';
import { watchPower } from '../../../electron/main/power.ts';
import { defaultScheduleEntries, type ScheduledRun } from '../../../shared/schedule.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';

const MINUTE = 60_000;
// Monday 2026-03-09: the open is 13:30 UTC.
const OPEN = Date.UTC(2026, 2, 9, 13, 30);

/** A real scheduler on a fake clock, woken through a stand-in for Electron's powerMonitor. */
function setup() {
  const clock = new ManualClock(OPEN - 10 * MINUTE);
  const power = new EventEmitter();
  const runs: ScheduledRun[] = [];
  const notices: Notice[] = [];
  const policy = new NotificationPolicy({ clock, send: (n) => notices.push(n), chosenLevels: () => [] });
  const scheduler = createScheduler({
    clock,
    calendar: getCalendar('XNYS'),
    entries: defaultScheduleEntries(),
    onRun: (run) => void runs.push(run),
    onMissed: (miss) => policy.observeMissed(miss),
  });
  const target = {
    resync: vi.fn((reason: 'resume') => scheduler.resync(reason)),
    saveSnapshot: vi.fn(),
    log: vi.fn(),
  };
  const stop = watchPower(power, target);
  scheduler.start();
  return { clock, power, runs, notices, target, stop };
}

describe('sleep and wake', () => {
  it('resume runs the market open check the sleep skipped, as a catch-up', () => {
    const { clock, power, runs, target } = setup();
    power.emit('suspend');
    expect(target.saveSnapshot).toHaveBeenCalledOnce();
    clock.jump(13 * MINUTE); // asleep over the open; no timer fired
    expect(runs).toHaveLength(0);
    power.emit('resume');
    expect(runs).toEqual([
      expect.objectContaining({ checkpoint: 'market_open', catchUp: true, lagMs: 3 * MINUTE }),
    ]);
  });

  it('a wake too late for the open check notifies that it was missed', () => {
    const { clock, power, runs, notices } = setup();
    clock.jump(40 * MINUTE);
    power.emit('unlock-screen');
    expect(runs).toHaveLength(0);
    expect(notices.map((n) => n.title)).toEqual(['Haltwatch: the market open check did not run']);
  });

  it('unlocking also catches up; locking alone does nothing; stop removes the listeners', () => {
    const { power, target, stop } = setup();
    power.emit('lock-screen');
    expect(target.resync).not.toHaveBeenCalled();
    power.emit('unlock-screen');
    expect(target.resync).toHaveBeenCalledWith('resume');
    stop();
    expect(
      power.listenerCount('resume') + power.listenerCount('suspend') + power.listenerCount('unlock-screen'),
    ).toBe(0);
  });

  it('a failing catch-up is logged, not thrown into Electron', () => {
    const power = new EventEmitter();
    const log = vi.fn();
    watchPower(power, {
      resync: () => {
        throw new Error('store closed');
      },
      saveSnapshot: () => {
        throw new Error('disk full');
      },
      log,
    });
    expect(() => power.emit('resume')).not.toThrow();
    expect(() => power.emit('suspend')).not.toThrow();
    expect(log).toHaveBeenCalledWith('haltwatch: catching up after sleep failed: store closed');
    expect(log).toHaveBeenCalledWith('haltwatch: saving state before sleep failed: disk full');
  });
});
