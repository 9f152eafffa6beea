import { describe, expect, it } from 'vitest';
import { unusableSignal } from '../../../electron/core/levels/signal-check.ts';
import { LevelEngine } from '../../../electron/core/levels/level-engine.ts';
import type { Signal } from '../../../electron/core/levels/signals.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';

const probe = {
  type: 'probe',
  service: 'db',
  criticality: 'critical',
  outcome: 'ok',
  ms: 12,
  confirmFailures: 2,
};

describe("the level engine's guard on the numbers it computes with", () => {
  it('passes every valid kind of signal', () => {
    for (const signal of [
      { type: 'breaker', service: 'db', state: 'OPEN', criticality: 'important' },
      probe,
      { ...probe, latency: { alertMs: 100 } },
      { type: 'order_success' },
      { type: 'order_failure', exchangeHalt: true },
      { type: 'latency', ms: 0 },
      { type: 'slippage', expectedPrice: 100, actualPrice: 101 },
      { type: 'pnl', realized: -1e15, equity: 1 },
      { type: 'critical_error', message: 'disk' },
    ])
      expect(unusableSignal(signal), JSON.stringify(signal)).toBeNull();
  });

  it.each([
    [null, 'not a signal (object)'],
    ['latency', 'not a signal (string)'],
    [{ type: 'nope' }, 'unknown type nope'],
    [{ type: 'latency', ms: Number.NaN }, 'latency: ms is not a finite number'],
    [{ type: 'latency', ms: -5 }, 'latency: ms -5'],
    [{ ...probe, ms: Number.POSITIVE_INFINITY }, 'probe: ms is not a finite number'],
    [{ ...probe, latency: { alertMs: Number.NaN } }, 'probe: latency.alertMs is not a finite number'],
    [{ ...probe, outcome: 'maybe' }, 'probe: outcome "maybe"'],
    [{ type: 'breaker', service: 'db', state: 'BROKEN', criticality: 'critical' }, 'breaker: state "BROKEN"'],
    [{ type: 'slippage', expectedPrice: 0, actualPrice: 1 }, 'slippage: expectedPrice 0'],
    [{ type: 'pnl', realized: -1.5e308, equity: 1e308 }, 'pnl: realized -1.5e+308'],
    [{ type: 'pnl', realized: -1, equity: 1e-320 }, 'pnl: equity 1e-320'],
  ])('refuses %j: %s', (signal, problem) => {
    expect(unusableSignal(signal)).toBe(problem);
  });

  it('an unusable signal never lowers the level and is kept as an issue naming the problem', () => {
    const clock = new ManualClock(0);
    const engine = new LevelEngine({}, clock);
    engine.observe({ type: 'latency', ms: 3_500 });
    expect(engine.status().level).toBe('HALT');
    engine.observe({ type: 'latency', ms: Number.NaN });
    engine.observe({ type: 'latency', ms: -1 });
    clock.advance(3_600_000); // far past every cooldown: taken as healthy, they would have stepped it down
    expect(engine.status().level).toBe('HALT');
    expect(engine.recentIssues(120).slice(-2)).toMatchObject([
      { signal: 'invalid_signal', value: 'latency: ms is not a finite number', level: 'NORMAL' },
      { signal: 'invalid_signal', value: 'latency: ms -1', level: 'NORMAL' },
    ]);
  });

  it('takes a critical error without a category as "other", as the report schema defaults it', () => {
    const engine = new LevelEngine({}, new ManualClock(0));
    engine.observe({ type: 'critical_error', message: 'disk' } as Signal);
    expect(engine.status()).toMatchObject({ level: 'SHUTDOWN', cause: { value: 'other: disk' } });
  });
});
