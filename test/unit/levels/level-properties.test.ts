import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/audit.ts';
import { BREAKER_STATES, CRITICALITIES, levelRank } from '../../../shared/levels.ts';
import type { LevelName } from '../../../shared/levels.ts';
import type { Thresholds } from '../../../shared/thresholds.ts';
import { thresholdsSchema } from '../../../shared/thresholds.ts';
import { LevelActionError, LevelEngine } from '../../../electron/core/levels/level-engine.ts';
import type { Signal } from '../../../electron/core/levels/signals.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';

const service = fc.constantFrom('broker', 'market', 'bot');
const signal: fc.Arbitrary<Signal> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('latency' as const),
      service,
      ms: fc.oneof(fc.nat(5_000), fc.constant(Number.NaN), fc.constant(-1)),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      type: fc.constant('breaker' as const),
      service,
      state: fc.constantFrom(...BREAKER_STATES),
      criticality: fc.constantFrom(...CRITICALITIES),
    }),
  },
  { weight: 3, arbitrary: fc.constant({ type: 'order_success' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({ type: fc.constant('order_failure' as const), exchangeHalt: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('slippage' as const),
      expectedPrice: fc.constant(100),
      actualPrice: fc.double({ min: 99, max: 101, noNaN: true }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('pnl' as const),
      realized: fc.integer({ min: -3_000, max: 1_000 }),
      equity: fc.constant(100_000),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('critical_error' as const),
      category: fc.constantFrom('memory' as const, 'other' as const),
      message: fc.constant('boom'),
    }),
  },
);

type Op =
  | { kind: 'signal'; signal: Signal }
  | { kind: 'advance'; ms: number }
  | { kind: 'sleep'; ms: number }
  | { kind: 'override'; enabled: boolean }
  | { kind: 'confirm' }
  | { kind: 'kill' }
  | { kind: 'recover' };

const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 10, arbitrary: fc.record({ kind: fc.constant('signal' as const), signal }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.nat(1_200_000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sleep' as const), ms: fc.nat(3_600_000) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('override' as const), enabled: fc.boolean() }) },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: 'confirm' }) },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: 'kill' }) },
  { weight: 1, arbitrary: fc.constant<Op>({ kind: 'recover' }) },
);

const thresholds: fc.Arbitrary<Thresholds> = fc
  .record({ requireConfirmationToLeaveHalt: fc.boolean(), flattenOnHalt: fc.boolean() })
  .map((t) => thresholdsSchema.parse(t));

/** Applies one op to engines sharing one clock; time moves once for all of them. */
function run(engines: LevelEngine[], clock: ManualClock, o: Op, operator = true): void {
  if (o.kind === 'advance') return clock.advance(o.ms);
  if (o.kind === 'sleep') return clock.jump(o.ms);
  for (const engine of engines) {
    if (o.kind === 'signal') engine.observe(o.signal);
    else if (!operator) continue;
    else if (o.kind === 'override') engine.setOverride(o.enabled, 'property', 'tester');
    else if (o.kind === 'kill') engine.kill('property', 'tester');
    else if (o.kind === 'recover') engine.forceRecover('property', 'tester');
    else if (o.kind === 'confirm') {
      try {
        engine.confirmLeaveHalt('property', 'tester');
      } catch (error) {
        expect(error).toBeInstanceOf(LevelActionError);
      }
    }
  }
}

function cooldown(t: Thresholds, level: LevelName): number {
  if (level === 'ALERT') return t.cooldownMs.alert;
  if (level === 'THROTTLE') return t.cooldownMs.throttle;
  return t.cooldownMs.halt;
}

describe('LevelEngine properties', () => {
  it('steps down one level at a time, never before that level’s cooldown, and never out of SHUTDOWN by itself', () => {
    fc.assert(
      fc.property(thresholds, fc.array(op, { maxLength: 150 }), (t, ops) => {
        const clock = new ManualClock(0);
        const events: AuditEvent[] = [];
        const engine = new LevelEngine(t, clock, { onAudit: (e) => events.push(e) });
        for (const o of ops) run([engine], clock, o);
        let enteredAt = 0;
        for (const e of events) {
          if (e.kind !== 'level') continue;
          const down = levelRank(e.from) - levelRank(e.to);
          if (e.actor === undefined && down > 0) {
            expect(down).toBe(1);
            expect(e.from).not.toBe('SHUTDOWN');
            if (e.from === 'HALT') expect(t.requireConfirmationToLeaveHalt).toBe(false);
            expect(e.at - enteredAt).toBeGreaterThanOrEqual(cooldown(t, e.from));
          }
          if (e.from === 'SHUTDOWN') expect(e.actor).toBe('tester');
          enteredAt = e.at;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('always allows cancels', () => {
    fc.assert(
      fc.property(thresholds, fc.array(op, { maxLength: 100 }), (t, ops) => {
        const clock = new ManualClock(0);
        const engine = new LevelEngine(t, clock);
        for (const o of ops) {
          run([engine], clock, o);
          expect(engine.answer({ action: 'cancel' }).allowed).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('restore(serialize(s)) behaves like s', () => {
    fc.assert(
      fc.property(
        thresholds,
        fc.array(op, { maxLength: 80 }),
        fc.array(op, { maxLength: 80 }),
        (t, before, after) => {
          const clock = new ManualClock(0);
          const original = new LevelEngine(t, clock);
          for (const o of before) run([original], clock, o);
          const copy = new LevelEngine(t, clock, {
            restore: JSON.parse(JSON.stringify(original.serialize())),
          });
          const same = () => {
            expect(copy.status()).toEqual(original.status());
            for (const action of ['open', 'reduce'] as const)
              expect(copy.answer({ action, confidence: 0.8 })).toEqual(
                original.answer({ action, confidence: 0.8 }),
              );
          };
          same();
          for (const o of after) {
            run([original, copy], clock, o);
            same();
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
