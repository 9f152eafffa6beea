import { describe, expect, it } from 'vitest';
import { THRESHOLD_PRESETS } from '../../../shared/thresholds.ts';
import { replayThresholds } from '../../../electron/core/levels/replay.ts';
import type { TimedSignal } from '../../../electron/core/levels/signals.ts';

const at = (s: number, ms: number): TimedSignal => ({
  at: s * 1000,
  signal: { type: 'latency', service: 'md', ms },
});

describe('replayThresholds', () => {
  const recorded = [at(0, 100), at(10, 800), at(20, 100), at(500, 100)];

  it('counts escalations and time in each level under the given thresholds', () => {
    expect(replayThresholds({}, recorded)).toEqual({
      escalations: { NORMAL: 0, ALERT: 1, THROTTLE: 0, HALT: 0, SHUTDOWN: 0 },
      timeInLevelMs: { NORMAL: 10_000 + 420_000, ALERT: 70_000, THROTTLE: 0, HALT: 0, SHUTDOWN: 0 },
    });
  });

  it('shows what stricter thresholds would have done', () => {
    const result = replayThresholds(THRESHOLD_PRESETS.conservative, recorded);
    expect(result.escalations).toEqual({ NORMAL: 0, ALERT: 0, THROTTLE: 1, HALT: 0, SHUTDOWN: 0 });
    // THROTTLE from 10 s, healthy from 20 s, 600 s cooldown: still THROTTLE at the end (500 s).
    expect(result.timeInLevelMs).toEqual({
      NORMAL: 10_000,
      ALERT: 0,
      THROTTLE: 490_000,
      HALT: 0,
      SHUTDOWN: 0,
    });
  });

  it('counts the level the last signal left until the end of the range, not 0 s', () => {
    // The broker's breaker opens 60 s in and nothing else is recorded: HALT for the rest of the range.
    const opened: TimedSignal[] = [
      at(0, 100),
      { at: 60_000, signal: { type: 'breaker', service: 'broker', state: 'OPEN', criticality: 'critical' } },
    ];
    const result = replayThresholds({}, opened, 60_000 + 95_000);
    expect(result.escalations.HALT).toBe(1);
    expect(result.timeInLevelMs).toEqual({
      NORMAL: 60_000,
      ALERT: 0,
      THROTTLE: 0,
      HALT: 95_000,
      SHUTDOWN: 0,
    });
    // Without an end it stops at the last signal, where that HALT had lasted 0 s.
    expect(replayThresholds({}, opened).timeInLevelMs.HALT).toBe(0);
  });

  it('steps down on cooldowns that end after the last signal but within the range', () => {
    // ALERT at 10 s, healthy from 20 s, the last signal; 60 s later (80 s) ALERT steps down to NORMAL.
    const result = replayThresholds({}, [at(0, 100), at(10, 800), at(20, 100)], 300_000);
    expect(result.timeInLevelMs).toEqual({
      NORMAL: 10_000 + 220_000,
      ALERT: 70_000,
      THROTTLE: 0,
      HALT: 0,
      SHUTDOWN: 0,
    });
  });

  it('returns zeros for no signals', () => {
    expect(replayThresholds({}, []).escalations.HALT).toBe(0);
  });
});
