import { describe, expect, it } from 'vitest';
import { BREAKER_PROFILES, BREAKER_PROFILE_NAMES } from '../../../shared/breaker.ts';
import type { BreakerConfigInput } from '../../../shared/breaker.ts';
import { CircuitBreaker } from '../../../electron/core/breaker/circuit-breaker.ts';
import type { BreakerTransition } from '../../../electron/core/breaker/circuit-breaker.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';

/** A call's result through the production path: a permit, then its report (nothing when not admitted). */
const succeed = (b: CircuitBreaker, latencyMs?: number) => b.tryAcquire()?.success(latencyMs);
const failOnce = (b: CircuitBreaker, reason?: string) => b.tryAcquire()?.failure(reason);

function setup(config: BreakerConfigInput = {}) {
  const clock = new ManualClock(0);
  const transitions: BreakerTransition[] = [];
  const breaker = new CircuitBreaker(config, clock, {
    name: 'broker',
    onTransition: (t) => transitions.push(t),
  });
  return { clock, breaker, transitions };
}

describe('CircuitBreaker: opening', () => {
  it('opens on the Nth consecutive failure, and a success in between resets the count', () => {
    const { breaker, transitions } = setup({ failureThreshold: 3, openMs: 10_000 });
    failOnce(breaker);
    failOnce(breaker);
    succeed(breaker);
    failOnce(breaker);
    failOnce(breaker);
    expect(breaker.state).toBe('CLOSED');
    failOnce(breaker, 'HTTP 503');
    expect(breaker.snapshot()).toEqual({
      state: 'OPEN',
      consecutiveFailures: 3,
      failureRate: null,
      openedAt: 0,
      nextTrialAt: 10_000,
      generation: 1,
      isolated: false,
      halfOpenUntil: null,
      trialsInFlight: 0,
      trialSuccesses: 0,
    });
    expect(transitions).toEqual([
      {
        at: 0,
        service: 'broker',
        from: 'CLOSED',
        to: 'OPEN',
        cause: { signal: 'consecutive_failures', value: 3, threshold: 3 },
      },
    ]);
  });

  it('opens on the failure rate of a count window once minimumCalls is reached', () => {
    const { clock, breaker, transitions } = setup({
      failureThreshold: 100,
      window: { type: 'count', size: 10 },
      failureRateThreshold: 0.5,
      minimumCalls: 6,
    });
    // F S F S F: 3/5 failed, but below the minimum of 6 calls.
    for (const okCall of [false, true, false, true, false]) {
      if (okCall) succeed(breaker);
      else failOnce(breaker);
    }
    expect(breaker.state).toBe('CLOSED');
    clock.advance(5_000);
    failOnce(breaker);
    expect(breaker.snapshot()).toMatchObject({ state: 'OPEN', openedAt: 5_000, nextTrialAt: 65_000 });
    expect(transitions[0]?.cause).toEqual({ signal: 'failure_rate', value: 4 / 6, threshold: 0.5 });
  });

  it('a count window slides: old failures fall out', () => {
    const { breaker } = setup({
      failureThreshold: 100,
      window: { type: 'count', size: 4 },
      failureRateThreshold: 0.75,
      minimumCalls: 4,
    });
    failOnce(breaker);
    failOnce(breaker);
    succeed(breaker);
    succeed(breaker);
    expect(breaker.snapshot().failureRate).toBe(0.5);
    succeed(breaker);
    expect(breaker.snapshot().failureRate).toBe(0.25);
    failOnce(breaker);
    failOnce(breaker);
    expect(breaker.state).toBe('CLOSED');
    failOnce(breaker);
    expect(breaker.state).toBe('OPEN');
  });

  it('a time window forgets failures after an idle period (trap: a window that never forgets)', () => {
    const { clock, breaker } = setup({
      failureThreshold: 100,
      window: { type: 'time', ms: 60_000 },
      failureRateThreshold: 0.5,
      minimumCalls: 4,
    });
    failOnce(breaker);
    failOnce(breaker);
    failOnce(breaker);
    succeed(breaker);
    succeed(breaker);
    succeed(breaker);
    succeed(breaker);
    expect(breaker.snapshot().failureRate).toBeCloseTo(3 / 7);
    clock.advance(10 * 60_000);
    expect(breaker.snapshot().failureRate).toBeNull();
    // After the idle period a single failure among few calls cannot open it.
    failOnce(breaker);
    succeed(breaker);
    succeed(breaker);
    succeed(breaker);
    expect(breaker.state).toBe('CLOSED');
    expect(breaker.snapshot().failureRate).toBe(0.25);
  });

  it('opens on the slow-call rate when slowCallMs is configured', () => {
    const { breaker, transitions } = setup({
      window: { type: 'count', size: 4 },
      minimumCalls: 4,
      slowCallMs: 500,
      slowCallRateThreshold: 0.5,
    });
    succeed(breaker, 100);
    succeed(breaker, 600);
    succeed(breaker, 100);
    expect(breaker.state).toBe('CLOSED');
    succeed(breaker, 700);
    expect(breaker.state).toBe('OPEN');
    expect(transitions[0]?.cause).toEqual({ signal: 'slow_call_rate', value: 0.5, threshold: 0.5 });
  });
});

describe('CircuitBreaker: half-open', () => {
  it('moves to half-open lazily at nextTrialAt and closes after successThreshold successes', () => {
    const { clock, breaker, transitions } = setup({
      failureThreshold: 1,
      openMs: 5_000,
      successThreshold: 2,
    });
    failOnce(breaker);
    expect(breaker.tryAcquire()).toBeNull();
    clock.advance(4_999);
    expect(breaker.state).toBe('OPEN');
    clock.advance(1);
    expect(breaker.state).toBe('HALF_OPEN');
    breaker.tryAcquire()?.success();
    expect(breaker.state).toBe('HALF_OPEN');
    breaker.tryAcquire()?.success();
    expect(breaker.state).toBe('CLOSED');
    expect(transitions.map((t) => `${t.from}>${t.to}`)).toEqual([
      'CLOSED>OPEN',
      'OPEN>HALF_OPEN',
      'HALF_OPEN>CLOSED',
    ]);
    expect(transitions[2]?.cause).toEqual({ signal: 'trial_successes', value: 2, threshold: 2 });
  });

  it('admits at most halfOpenMaxCalls trials at once and rejects the rest at once (trap: half-open lets everyone in)', () => {
    const { clock, breaker } = setup({
      failureThreshold: 1,
      openMs: 1_000,
      halfOpenMaxCalls: 2,
      successThreshold: 2,
    });
    failOnce(breaker);
    clock.advance(1_000);
    const first = breaker.tryAcquire();
    const second = breaker.tryAcquire();
    expect(breaker.tryAcquire()).toBeNull();
    expect(breaker.snapshot().trialsInFlight).toBe(2);
    first?.success();
    second?.success();
    expect(breaker.state).toBe('CLOSED');
  });

  it('any failed trial re-opens it, with the open period growing by backoff up to its cap', () => {
    const { clock, breaker } = setup({
      failureThreshold: 1,
      openMs: 1_000,
      backoff: { multiplier: 2, maxOpenMs: 3_000 },
    });
    failOnce(breaker);
    const periods: number[] = [];
    for (let i = 0; i < 4; i++) {
      const s = breaker.snapshot();
      periods.push((s.nextTrialAt ?? 0) - (s.openedAt ?? 0));
      clock.advanceTo(s.nextTrialAt ?? 0);
      breaker.tryAcquire()?.failure('still down');
    }
    expect(periods).toEqual([1_000, 2_000, 3_000, 3_000]);
    clock.advanceTo(breaker.snapshot().nextTrialAt ?? 0);
    breaker.tryAcquire()?.success();
    expect(breaker.state).toBe('CLOSED');
    failOnce(breaker);
    const s = breaker.snapshot();
    expect((s.nextTrialAt ?? 0) - (s.openedAt ?? 0)).toBe(1_000);
  });

  it('a trial that never reports counts as failed after halfOpenMaxWaitMs, so half-open cannot stick', () => {
    const { clock, breaker, transitions } = setup({
      failureThreshold: 1,
      openMs: 1_000,
      halfOpenMaxWaitMs: 2_000,
    });
    failOnce(breaker);
    clock.advance(1_000);
    const hung = breaker.tryAcquire();
    expect(hung).not.toBeNull();
    expect(breaker.snapshot().halfOpenUntil).toBe(3_000);
    expect(breaker.tryAcquire()).toBeNull();
    clock.advance(2_000);
    expect(breaker.state).toBe('OPEN');
    expect(transitions.at(-1)?.cause).toEqual({
      signal: 'trial_timeout',
      value: 'no result',
      threshold: 2_000,
    });
    // The hung call finally answers: it belongs to an old generation and changes nothing.
    expect(hung?.success()).toBe(false);
    expect(breaker.state).toBe('OPEN');
  });

  it('a slow trial re-opens rather than closes', () => {
    const { clock, breaker } = setup({
      failureThreshold: 1,
      openMs: 1_000,
      window: { type: 'count', size: 10 },
      minimumCalls: 5,
      slowCallMs: 500,
    });
    failOnce(breaker);
    clock.advance(1_000);
    breaker.tryAcquire()?.success(900);
    expect(breaker.state).toBe('OPEN');
  });
});

describe('CircuitBreaker: generations and listeners', () => {
  it('a late success from before the breaker opened does not close it (trap: stale results)', () => {
    const { breaker } = setup({ failureThreshold: 2 });
    const early = breaker.tryAcquire();
    failOnce(breaker);
    failOnce(breaker);
    expect(breaker.state).toBe('OPEN');
    expect(early?.success()).toBe(false);
    expect(breaker.state).toBe('OPEN');
  });

  it('a late success from an earlier half-open does not count in the next one', () => {
    const { clock, breaker } = setup({ failureThreshold: 1, openMs: 1_000, halfOpenMaxCalls: 2 });
    failOnce(breaker);
    clock.advance(1_000);
    const a = breaker.tryAcquire();
    const b = breaker.tryAcquire();
    b?.failure();
    clock.advance(1_000);
    expect(breaker.state).toBe('HALF_OPEN');
    expect(a?.success()).toBe(false);
    expect(breaker.snapshot().trialSuccesses).toBe(0);
  });

  it('two concurrent failures open it once and keep the first timer (trap: double open)', () => {
    const { clock, breaker, transitions } = setup({ failureThreshold: 1, openMs: 10_000 });
    const a = breaker.tryAcquire();
    clock.advance(100);
    const b = breaker.tryAcquire();
    expect(a?.failure('boom')).toBe(true);
    clock.advance(100);
    expect(b?.failure('boom')).toBe(false);
    expect(transitions.filter((t) => t.to === 'OPEN')).toHaveLength(1);
    expect(breaker.snapshot().nextTrialAt).toBe(10_100);
  });

  it('a permit reports once: a second report is ignored', () => {
    const { breaker } = setup({ failureThreshold: 2 });
    const permit = breaker.tryAcquire();
    expect(permit?.failure()).toBe(true);
    expect(permit?.failure()).toBe(false);
    expect(breaker.snapshot().consecutiveFailures).toBe(1);
  });

  it('invokes listeners after the state is consistent, and survives a throwing listener (trap: mid-transition callbacks)', () => {
    const clock = new ManualClock(0);
    const seen: string[] = [];
    const breaker: CircuitBreaker = new CircuitBreaker({ failureThreshold: 1, openMs: 1_000 }, clock, {
      onTransition: (t) => {
        const s = breaker.snapshot();
        seen.push(`${t.to}:${s.state}:${s.generation}`);
        throw new Error('listener bug');
      },
    });
    expect(() => failOnce(breaker)).not.toThrow();
    clock.advance(1_000);
    expect(breaker.state).toBe('HALF_OPEN');
    expect(seen).toEqual(['OPEN:OPEN:1', 'HALF_OPEN:HALF_OPEN:2']);
  });

  it('arms no timers (trap: timers that keep the process alive)', () => {
    const { clock, breaker } = setup({ failureThreshold: 1 });
    succeed(breaker);
    failOnce(breaker);
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('CircuitBreaker: manual actions, restore, config', () => {
  it('isolate holds it open with no trial until reset, both with reason and actor', () => {
    const { clock, breaker, transitions } = setup({ openMs: 1_000 });
    breaker.isolate('maintenance window', 'trader');
    clock.advance(3_600_000);
    expect(breaker.snapshot()).toMatchObject({ state: 'OPEN', isolated: true, nextTrialAt: null });
    expect(breaker.tryAcquire()).toBeNull();
    breaker.reset('maintenance done', 'trader');
    expect(breaker.state).toBe('CLOSED');
    expect(transitions).toEqual([
      {
        at: 0,
        service: 'broker',
        from: 'CLOSED',
        to: 'OPEN',
        cause: { signal: 'manual_isolate', value: 'maintenance window' },
        reason: 'maintenance window',
        actor: 'trader',
      },
      {
        at: 3_600_000,
        service: 'broker',
        from: 'OPEN',
        to: 'CLOSED',
        cause: { signal: 'manual_reset', value: 'maintenance done' },
        reason: 'maintenance done',
        actor: 'trader',
      },
    ]);
  });

  it('restores an open breaker with its timer and its backoff', () => {
    const { clock, breaker } = setup({
      failureThreshold: 1,
      openMs: 1_000,
      backoff: { multiplier: 2, maxOpenMs: 8_000 },
    });
    failOnce(breaker);
    clock.advance(1_000);
    breaker.tryAcquire()?.failure();
    const saved = JSON.parse(JSON.stringify(breaker.serialize()));
    const restored = new CircuitBreaker(breaker.config, clock, { restore: saved });
    expect(restored.snapshot()).toEqual(breaker.snapshot());
    clock.advance(2_000);
    restored.tryAcquire()?.failure();
    expect(restored.snapshot().nextTrialAt).toBe(clock.now() + 4_000);
  });

  it('restores with a different window type by starting that window empty', () => {
    const { breaker } = setup({ window: { type: 'count', size: 10 }, minimumCalls: 2 });
    failOnce(breaker);
    succeed(breaker);
    const restored = new CircuitBreaker(
      { window: { type: 'time', ms: 60_000 }, minimumCalls: 2 },
      new ManualClock(0),
      {
        restore: breaker.serialize(),
      },
    );
    expect(restored.snapshot()).toMatchObject({ state: 'CLOSED', failureRate: null, consecutiveFailures: 0 });
    expect(() => new CircuitBreaker({}, new ManualClock(0), { restore: { version: 9 } as never })).toThrow(
      /saved state: version/,
    );
  });

  it('rejects bad settings naming the field and the value', () => {
    const clock = new ManualClock(0);
    expect(() => new CircuitBreaker({ failureThreshold: 0 }, clock, { name: 'db' })).toThrow(
      /breaker "db" config: failureThreshold: .*\(got 0\)/,
    );
    expect(() => new CircuitBreaker({ openMs: -5 }, clock)).toThrow(/openMs: .*\(got -5\)/);
    expect(() => new CircuitBreaker({ failureRateThreshold: 50 }, clock)).toThrow(
      /failureRateThreshold: a fraction in \(0, 1\].*\(got 50\)/,
    );
    expect(() => new CircuitBreaker({ window: { type: 'count', size: 5 }, minimumCalls: 10 }, clock)).toThrow(
      'minimumCalls (10) must be ≤ window.size (5)',
    );
    expect(
      () => new CircuitBreaker({ openMs: 60_000, backoff: { multiplier: 2, maxOpenMs: 1_000 } }, clock),
    ).toThrow('backoff.maxOpenMs (1000) must be ≥ openMs (60000)');
    expect(() => new CircuitBreaker({ slowCallMs: 100 }, clock)).toThrow('slowCallMs (100) needs a window');
  });

  it('has valid profiles with the reference numbers', () => {
    const clock = new ManualClock(0);
    const summary = BREAKER_PROFILE_NAMES.map((name) => {
      const c = new CircuitBreaker(BREAKER_PROFILES[name], clock).config;
      const w =
        c.window?.type === 'count' ? ` window ${c.window.size} @ ${c.failureRateThreshold * 100}%` : '';
      return `${name} ${c.failureThreshold}/${c.openMs / 1000}s${w}`;
    });
    expect(summary).toEqual([
      'market_data 5/60s',
      'options_chain 3/90s',
      'expirations 4/75s',
      'broker_api 5/60s window 20 @ 50%',
      'postgres 5/30s',
      'redis 3/15s',
      'websocket 10/30s window 50 @ 30%',
      'custom 5/60s',
    ]);
  });

  it('counts reported results and admits nothing while open, telling when trials resume', () => {
    const { breaker } = setup({ failureThreshold: 1, openMs: 1_000 });
    expect(succeed(breaker)).toBe(true);
    expect(failOnce(breaker, 'boom')).toBe(true);
    expect(breaker.tryAcquire()).toBeNull();
    expect(breaker.snapshot()).toMatchObject({ state: 'OPEN', nextTrialAt: 1_000 });
  });
});
