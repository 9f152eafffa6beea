import { describe, expect, it } from 'vitest';
import { breakerConfigSchema } from '../../../shared/breaker.ts';
import { ConsecutiveFailures, openPeriodMs, WindowRate } from '../../../electron/core/breaker/trip-rules.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';

describe('breaker trip rules', () => {
  it('consecutive failures: opens at the threshold, a success or a close starts over', () => {
    const rule = new ConsecutiveFailures(3);
    expect(rule.failure()).toBeNull();
    expect(rule.failure()).toBeNull();
    expect(rule.success()).toBeNull();
    expect(rule.failure()).toBeNull();
    expect(rule.failure()).toBeNull();
    expect(rule.failure()).toEqual({ signal: 'consecutive_failures', value: 3, threshold: 3 });
    rule.closed();
    expect(rule.count).toBe(0);
    expect(rule.failure()).toBeNull();
  });

  it('window rate: counts nothing below minimumCalls, then opens on the failure rate', () => {
    const cfg = breakerConfigSchema.parse({
      window: { type: 'count', size: 4 },
      minimumCalls: 4,
      failureRateThreshold: 0.5,
    });
    const rule = new WindowRate(cfg.window!, cfg, new ManualClock(0));
    expect(rule.failure(false)).toBeNull();
    expect(rule.success(false)).toBeNull();
    expect(rule.success(false)).toBeNull();
    expect(rule.failureRate(0)).toBeNull();
    expect(rule.failure(false)).toEqual({ signal: 'failure_rate', value: 0.5, threshold: 0.5 });
    rule.closed();
    expect(rule.failureRate(0)).toBeNull();
  });

  it('window rate: slow successes open on the slow-call rate, never on the failure rate', () => {
    const cfg = breakerConfigSchema.parse({
      window: { type: 'count', size: 2 },
      minimumCalls: 2,
      slowCallMs: 100,
      slowCallRateThreshold: 1,
    });
    const rule = new WindowRate(cfg.window!, cfg, new ManualClock(0));
    expect(rule.success(true)).toBeNull();
    expect(rule.success(true)).toEqual({ signal: 'slow_call_rate', value: 1, threshold: 1 });
    expect(rule.failureRate(0)).toBe(0);
  });

  it('backoff: openMs, multiplied per reopening in a row, capped at maxOpenMs', () => {
    const backoff = { multiplier: 2, maxOpenMs: 50_000 };
    expect(openPeriodMs({ openMs: 10_000, backoff: undefined }, 3)).toBe(10_000);
    expect(openPeriodMs({ openMs: 10_000, backoff }, 0)).toBe(10_000);
    expect(openPeriodMs({ openMs: 10_000, backoff }, 2)).toBe(40_000);
    expect(openPeriodMs({ openMs: 10_000, backoff }, 3)).toBe(50_000);
  });
});
