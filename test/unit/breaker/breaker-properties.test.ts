import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BreakerConfigInput } from '../../../shared/breaker.ts';
import { CircuitBreaker } from '../../../electron/core/breaker/circuit-breaker.ts';
import type { BreakerPermit } from '../../../electron/core/breaker/circuit-breaker.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';

/** A call's result through the production path: a permit, then its report (nothing when not admitted). */
const succeed = (b: CircuitBreaker, latencyMs?: number) => b.tryAcquire()?.success(latencyMs);
const failOnce = (b: CircuitBreaker, reason?: string) => b.tryAcquire()?.failure(reason);

/** Random traffic: acquire and hold permits, settle held ones (possibly stale), record, move time. */
type Op =
  | { kind: 'acquire' }
  | { kind: 'settle'; index: number; ok: boolean; latency: number }
  | { kind: 'record'; ok: boolean; latency: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'isolate' }
  | { kind: 'reset' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Op>({ kind: 'acquire' }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('settle' as const),
      index: fc.nat(20),
      ok: fc.boolean(),
      latency: fc.nat(1_000),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({ kind: fc.constant('record' as const), ok: fc.boolean(), latency: fc.nat(1_000) }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.nat(20_000) }) },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: 'isolate' }) },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: 'reset' }) },
);

const config: fc.Arbitrary<BreakerConfigInput> = fc.record({
  failureThreshold: fc.integer({ min: 1, max: 5 }),
  openMs: fc.integer({ min: 1_000, max: 10_000 }),
  halfOpenMaxCalls: fc.integer({ min: 1, max: 3 }),
  successThreshold: fc.integer({ min: 1, max: 3 }),
  window: fc.oneof(
    fc.constant({ type: 'count' as const, size: 10 }),
    fc.constant({ type: 'time' as const, ms: 30_000 }),
  ),
  minimumCalls: fc.integer({ min: 1, max: 10 }),
  failureRateThreshold: fc.double({ min: 0.1, max: 1, noNaN: true }),
  slowCallMs: fc.constant(800),
  backoff: fc.constant({ multiplier: 2, maxOpenMs: 40_000 }),
  halfOpenMaxWaitMs: fc.integer({ min: 1_000, max: 15_000 }),
});

function apply(breaker: CircuitBreaker, clock: ManualClock, held: BreakerPermit[], o: Op): void {
  switch (o.kind) {
    case 'acquire': {
      const permit = breaker.tryAcquire();
      if (permit) held.push(permit);
      return;
    }
    case 'settle': {
      const permit = held.splice(o.index % Math.max(1, held.length), 1)[0];
      if (o.ok) permit?.success(o.latency);
      else permit?.failure();
      return;
    }
    case 'record':
      if (o.ok) succeed(breaker, o.latency);
      else failOnce(breaker);
      return;
    case 'advance':
      clock.advance(o.ms);
      return;
    case 'isolate':
      breaker.isolate('test', 'property');
      return;
    case 'reset':
      breaker.reset('test', 'property');
  }
}

describe('CircuitBreaker properties', () => {
  it('half-open never has more trials in flight than halfOpenMaxCalls', () => {
    fc.assert(
      fc.property(config, fc.array(op, { maxLength: 200 }), (cfg, ops) => {
        const clock = new ManualClock(0);
        const breaker = new CircuitBreaker(cfg, clock);
        const held: BreakerPermit[] = [];
        for (const o of ops) {
          apply(breaker, clock, held, o);
          const s = breaker.snapshot();
          expect(s.trialsInFlight).toBeLessThanOrEqual(breaker.config.halfOpenMaxCalls);
          if (s.state !== 'HALF_OPEN') expect(s.trialsInFlight).toBe(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a result under a stale generation never changes the state', () => {
    fc.assert(
      fc.property(config, fc.array(op, { maxLength: 200 }), (cfg, ops) => {
        const clock = new ManualClock(0);
        const breaker = new CircuitBreaker(cfg, clock);
        const held: BreakerPermit[] = [];
        for (const o of ops) {
          if (o.kind === 'settle') {
            const permit = held[o.index % Math.max(1, held.length)];
            if (permit && permit.generation !== breaker.generation) {
              const before = breaker.serialize();
              expect(o.ok ? permit.success(o.latency) : permit.failure()).toBe(false);
              expect(breaker.serialize()).toEqual(before);
            }
          }
          apply(breaker, clock, held, o);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('restore(serialize(s)) behaves like s', () => {
    fc.assert(
      fc.property(
        config,
        fc.array(op, { maxLength: 100 }),
        fc.array(op, { maxLength: 100 }),
        (cfg, before, after) => {
          const clock = new ManualClock(0);
          const original = new CircuitBreaker(cfg, clock);
          const held: BreakerPermit[] = [];
          for (const o of before) apply(original, clock, held, o);
          // Permits of the original cannot reach the copy; settle them first, as a restart would lose them.
          for (const permit of held.splice(0)) permit.failure();
          const copy = new CircuitBreaker(cfg, clock, {
            restore: JSON.parse(JSON.stringify(original.serialize())),
          });
          const heldCopy: BreakerPermit[] = [];
          const same = () => expect(copy.snapshot()).toEqual(original.snapshot());
          same();
          for (const o of after) {
            if (o.kind === 'advance') clock.advance(o.ms);
            else {
              apply(original, clock, held, o);
              apply(copy, clock, heldCopy, o);
            }
            same();
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
