import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gateAnswerJson } from '../../../electron/core/api/bot/gate-answer-json.ts';
import { GATE_REASONS, type GateAnswer } from '../../../shared/gate.ts';
import { LEVELS } from '../../../shared/levels.ts';

const answers: fc.Arbitrary<GateAnswer> = fc.record({
  allowed: fc.boolean(),
  level: fc.constantFrom(...LEVELS),
  sizeMultiplier: fc.constantFrom(1 as const, 0.5 as const, 0 as const),
  minConfidence: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
  reasons: fc.uniqueArray(fc.constantFrom(...GATE_REASONS)),
  until: fc.option(fc.integer({ min: 0, max: 4_102_444_800_000 }), { nil: null }),
  flatten: fc.boolean(),
});

describe('gateAnswerJson', () => {
  it('writes every gate answer exactly as JSON.stringify does', () => {
    fc.assert(
      fc.property(answers, (answer) => {
        expect(gateAnswerJson(answer)).toBe(JSON.stringify(answer));
      }),
      { numRuns: 2000 },
    );
  });
});
