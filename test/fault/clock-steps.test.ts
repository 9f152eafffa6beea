import { describe, expect, it } from 'vitest';
import { LevelEngine } from '../../electron/core/levels/index.ts';
import { ManualClock } from '../../electron/core/manual-clock.ts';

/**
 * Wall-clock steps through the injected clock: the loss and failure windows run on the monotonic
 * clock, so a step forward and back neither forgets a realised loss nor lets the gate open.
 */
const DAY = 86_400_000;
const loss6 = { type: 'pnl', realized: -6_000, equity: 100_000 } as const;
const thresholds = { requireConfirmationToLeaveHalt: false };

function halted(engine: LevelEngine): void {
  expect(engine.status()).toMatchObject({ level: 'HALT', desired: 'HALT', cause: { signal: 'loss' } });
  expect(engine.answer({ action: 'open' }).allowed).toBe(false);
}

describe('clock steps', () => {
  it('a step forward past the loss window and back does not forget the loss', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 15, 0));
    const engine = new LevelEngine(thresholds, clock);
    engine.observe(loss6);
    halted(engine);
    clock.jump(2 * DAY);
    halted(engine);
    clock.jump(-2 * DAY);
    halted(engine);
    // Real time still makes the loss leave the window, a day after it was realised.
    clock.advance(DAY - 1);
    expect(engine.status().desired).toBe('HALT');
    clock.advance(2_000);
    expect(engine.status().desired).toBe('NORMAL');
    engine.dispose();
  });

  it('a step back does not stretch the failure-rate window either way', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 15, 0));
    const engine = new LevelEngine(
      { ...thresholds, orderFailures: { alert: 50, throttle: 60, halt: 70, shutdown: 80 } },
      clock,
    );
    for (let i = 0; i < 10; i++) engine.observe({ type: 'order_failure' });
    expect(engine.status()).toMatchObject({ level: 'THROTTLE', cause: { signal: 'failure_rate' } });
    clock.jump(-3_600_000);
    clock.jump(3_600_000 + 10 * 60_000);
    expect(engine.status().desired).toBe('THROTTLE');
    clock.advance(300_001);
    expect(engine.status().desired).toBe('NORMAL');
    engine.dispose();
  });

  it('keeps the loss across a restart with the windows saved in their own time', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 15, 0));
    const first = new LevelEngine(thresholds, clock);
    first.observe(loss6);
    clock.jump(2 * DAY); // the wall clock is wrong when the state is saved
    const saved = JSON.parse(JSON.stringify(first.serialize()));
    first.dispose();
    clock.jump(-2 * DAY); // and corrected before the restart
    clock.advance(3_600_000); // an hour later
    const restarted = new LevelEngine(thresholds, clock, { restore: saved });
    halted(restarted);
    // The saved wall time is ahead of the clock now: the hour down cannot be measured, so it is not
    // counted, and the loss stays an hour longer rather than leaving early.
    clock.advance(DAY - 3_600_000 + 1_000);
    expect(restarted.status().desired).toBe('HALT');
    clock.advance(3_600_000);
    expect(restarted.status().desired).toBe('NORMAL');
    restarted.dispose();
  });

  it('counts the time the engine was down by the wall clock, never less than nothing', () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 5, 15, 0));
    const first = new LevelEngine(thresholds, clock);
    first.observe(loss6);
    const saved = JSON.parse(JSON.stringify(first.serialize()));
    first.dispose();
    clock.jump(DAY + 1_000); // down for a day and a second: the loss has left the window
    expect(new LevelEngine(thresholds, clock, { restore: saved }).status().desired).toBe('NORMAL');
  });
});
