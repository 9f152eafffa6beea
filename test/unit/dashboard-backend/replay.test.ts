import { describe, expect, it } from 'vitest';
import { replayThresholds, type TimedSignal } from '../../../electron/core/levels/index.ts';
import { recordedSignals, replayHistory } from '../../../electron/core/replay-history.ts';
import { THRESHOLD_PRESETS, thresholdsSchema } from '../../../shared/thresholds.ts';
import { useHarness } from './harness.ts';
import { seedChecks, seededRandom } from './seed-history.ts';

const MINUTE = 60_000;
const DAY = 86_400_000;

describe('thresholds.replay', () => {
  const h = useHarness();

  it('replays the recorded week under the current and the proposed thresholds', async () => {
    // Two days ago, for an hour, the broker answered in 400 ms: above a 300 ms alert, below 500 ms.
    const from = h.clock.now() - 2 * DAY;
    seedChecks(h.monitor.store, {
      from,
      count: 180,
      everyMs: MINUTE,
      services: ['broker'],
      latency: (i) => (i >= 60 && i < 120 ? 400 : 50),
    });
    const replay = await h.call('thresholds.replay', { thresholds: THRESHOLD_PRESETS.conservative, days: 7 });
    expect(replay.to).toBe(h.clock.now());
    expect(replay.from).toBe(h.clock.now() - 7 * DAY);
    expect(replay.signals).toBe(180);
    expect(replay.current.escalations).toMatchObject({ ALERT: 0, THROTTLE: 0, HALT: 0 });
    expect(replay.proposed.escalations).toMatchObject({ ALERT: 1, THROTTLE: 0, HALT: 0 });
    // 60 minutes slow, then the conservative 2-minute cooldown.
    expect(replay.proposed.timeInLevelMs.ALERT).toBe(60 * MINUTE + 2 * MINUTE);
    // From the first recorded check to the end of the range (now), not only to the last check.
    expect(replay.current.timeInLevelMs.NORMAL).toBe(2 * DAY);
  });

  it('counts breaker changes by criticality and the bot reports', async () => {
    const from = h.clock.now() - 3 * DAY;
    seedChecks(h.monitor.store, {
      from,
      count: 10,
      everyMs: MINUTE,
      services: ['broker'],
      latency: () => 20,
    });
    h.monitor.store.appendAudit({
      at: from + MINUTE,
      kind: 'breaker',
      service: 'broker',
      from: 'CLOSED',
      to: 'OPEN',
    });
    h.monitor.store.appendAudit({
      at: from + 5 * MINUTE,
      kind: 'breaker',
      service: 'broker',
      from: 'OPEN',
      to: 'CLOSED',
    });
    h.monitor.store.insertReports([
      { type: 'order_failure', at: from + 6 * MINUTE, receivedAt: from + 6 * MINUTE },
      { type: 'order_failure', at: from + 7 * MINUTE, receivedAt: from + 7 * MINUTE },
      { type: 'order_failure', at: from + 8 * MINUTE, receivedAt: from + 8 * MINUTE },
    ]);
    const replay = await h.call('thresholds.replay', {
      thresholds: { orderFailures: { alert: 2, throttle: 4, halt: 5, shutdown: 10 } },
      days: 30,
    });
    expect(replay.signals).toBe(10 + 2 + 3);
    // broker is critical: its open breaker HALTs under both; 3 order failures THROTTLE only the current defaults.
    expect(replay.current.escalations).toMatchObject({ HALT: 1, THROTTLE: 0 });
    expect(replay.proposed.escalations).toMatchObject({ HALT: 1, ALERT: 0 });
    // HALT from the breaker opening to the end of the range: leaving it needs a confirmation never given.
    expect(replay.current.timeInLevelMs.HALT).toBe(3 * DAY - MINUTE);
  });

  it('starts from the breakers already open when the range begins', async () => {
    const from = h.clock.now() - 7 * DAY;
    h.monitor.store.appendAudit({
      at: from - DAY,
      kind: 'breaker',
      service: 'unknown',
      from: 'CLOSED',
      to: 'OPEN',
    });
    seedChecks(h.monitor.store, {
      from: from + DAY,
      count: 3,
      everyMs: MINUTE,
      services: ['broker'],
      latency: () => 20,
    });
    const replay = await h.call('thresholds.replay', { thresholds: {}, days: 7 });
    // A service no longer configured counts as important: THROTTLE.
    expect(replay.current.escalations.THROTTLE).toBe(1);
  });

  it('rejects bad thresholds and ranges with a message per field', async () => {
    const outcome = await h.outcome('thresholds.replay', {
      thresholds: { latency: { alertMs: 900, throttleMs: 800 } },
      days: 14,
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.error.issues).toEqual(
      expect.arrayContaining([
        { path: 'days', message: 'must be 7 or 30' },
        {
          path: 'thresholds.latency.throttleMs',
          message: 'THROTTLE latency (800 ms) must be at least the ALERT latency (900 ms)',
        },
      ]),
    );
  });

  it('gives what a replay of every recorded sample gives', () => {
    const services = ['broker', 'quotes', 'db'];
    const to = h.clock.now();
    const from = to - 2 * DAY;
    const random = seededRandom(42);
    seedChecks(h.monitor.store, {
      from,
      count: 600,
      everyMs: MINUTE,
      services,
      // Mostly fast, with bursts of slow answers and a few failures.
      latency: (i) => {
        const r = random();
        if (r < 0.02) return null;
        return Math.floor(i / 40) % 4 === 3 ? 200 + random() * 4000 : random() * 300;
      },
    });
    const all: TimedSignal[] = [];
    h.monitor.store.forEachOkLatency({ from, to }, (at, service, ms) =>
      all.push({ at, signal: { type: 'latency', service, ms } }),
    );
    const current = thresholdsSchema.parse({});
    const currentOverAll = replayThresholds(current, all, to);
    expect(currentOverAll.escalations.ALERT).toBeGreaterThan(0); // the data does move the level
    for (const proposed of Object.values(THRESHOLD_PRESETS)) {
      const replay = replayHistory(h.monitor.store, { services: [], current, proposed, from, to });
      expect(replay.signals).toBe(all.length);
      expect(replay.current).toEqual(currentOverAll);
      expect(replay.proposed).toEqual(replayThresholds(proposed, all, to));
    }
    const compacted = recordedSignals(h.monitor.store, {
      from,
      to,
      criticalityOf: () => 'important',
      latencyBoundsMs: [500, 1000, 3000],
    });
    expect(compacted.signals.length).toBeLessThan(all.length / 5);
  });
});
