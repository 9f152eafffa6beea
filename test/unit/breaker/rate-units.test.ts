import { describe, expect, it } from 'vitest';
import { BREAKER_PROFILES, breakerConfigSchema, type BreakerConfigInput } from '../../../shared/breaker.ts';
import { parseOrThrow } from '../../../shared/errors.ts';
import { CircuitBreaker, type BreakerTransition } from '../../../electron/core/breaker/circuit-breaker.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';

const parse = (config: BreakerConfigInput) => parseOrThrow(breakerConfigSchema, config, 'breaker');
const window = { type: 'count', size: 10 } as const;

/** Runs the calls (true: succeeded) through the breaker's permits, as Monitor's probes do. */
function tripsAfter(config: BreakerConfigInput, outcomes: boolean[]): BreakerTransition[] {
  const transitions: BreakerTransition[] = [];
  const breaker = new CircuitBreaker(config, new ManualClock(0), {
    onTransition: (t) => transitions.push(t),
  });
  for (const ok of outcomes) {
    const permit = breaker.tryAcquire();
    if (!permit) break;
    if (ok) permit.success(1);
    else permit.failure('boom');
  }
  return transitions;
}

describe('breaker rates in percent, as the level thresholds have them', () => {
  it('takes failureRatePct and slowCallRatePct in percent', () => {
    expect(parse({ window, failureRatePct: 40, slowCallMs: 500, slowCallRatePct: 80 })).toMatchObject({
      failureRateThreshold: 0.4,
      slowCallRateThreshold: 0.8,
    });
    expect(parse({}).failureRateThreshold).toBe(0.5);
    expect(parse(BREAKER_PROFILES.broker_api).failureRateThreshold).toBe(0.5);
    expect(parse(BREAKER_PROFILES.websocket).failureRateThreshold).toBe(0.3);
  });

  it('still reads the fractions of older config files, and the same breaker comes out', () => {
    expect(parse({ window, failureRateThreshold: 0.4 })).toEqual(parse({ window, failureRatePct: 40 }));
    expect(parse({ window, slowCallMs: 500, slowCallRateThreshold: 0.8 })).toEqual(
      parse({ window, slowCallMs: 500, slowCallRatePct: 80 }),
    );
  });

  it('refuses a rate given both ways, a percent out of range, and a slow-call rate without slowCallMs', () => {
    expect(() => parse({ window, failureRatePct: 40, failureRateThreshold: 0.4 })).toThrow(
      'failureRateThreshold is the old form of failureRatePct (a fraction, not a percent): give only failureRatePct',
    );
    expect(() => parse({ window, failureRatePct: 0 })).toThrow(/failureRatePct: must be > 0 \(got 0\)/);
    expect(() => parse({ window, failureRatePct: 150 })).toThrow(
      'failureRatePct: a percent in (0, 100], e.g. 50 for 50 % (got 150)',
    );
    expect(() => parse({ window, slowCallRatePct: 50 })).toThrow(
      'the slow-call rate (50 %) needs slowCallMs',
    );
    expect(() => parse({ window, slowCallRateThreshold: 0.5 })).toThrow(
      'the slow-call rate (50 %) needs slowCallMs',
    );
  });

  it('a breaker at failureRatePct 40 opens at 4 failures in 10 calls, not at 3', () => {
    const config = { failureThreshold: 100, window, minimumCalls: 10, failureRatePct: 40 };
    const three = [true, true, true, true, true, true, true, false, false, false];
    expect(tripsAfter(config, three)).toEqual([]);
    const four = [true, true, true, true, true, true, false, false, false, false];
    expect(tripsAfter(config, four).map((t) => [t.to, t.cause])).toEqual([
      ['OPEN', { signal: 'failure_rate', value: 0.4, threshold: 0.4 }],
    ]);
  });
});
