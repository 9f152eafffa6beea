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

  it('returns zeros for no signals', () => {
    expect(replayThresholds({}, []).escalations.HALT).toBe(0);
  });
});
