import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gateRequestSchema, usualGateRequest } from '../../../shared/gate.ts';

/** Each field's values: mostly typical, often at an edge of the schema's rules, sometimes of the wrong type. */
const field = <T>(typical: fc.Arbitrary<unknown>, edges: T[]) =>
  fc.oneof(
    { arbitrary: typical, weight: 4 },
    { arbitrary: fc.constantFrom(...edges), weight: 2 },
    { arbitrary: fc.constantFrom(undefined, null, true, '0.8', [0.8], {}), weight: 1 },
  );
const question = fc.record(
  {
    action: field(fc.constantFrom('open', 'increase', 'reduce', 'close', 'cancel'), ['OPEN', 'buy', '']),
    symbol: field(
      fc.oneof(fc.stringMatching(/^[A-Z][A-Z.]{0,7}$/), fc.string({ minLength: 1, maxLength: 34 })),
      ['AAPL', ' AAPL', 'AAPL\n', '\u00a0X', 'x'.repeat(32), 'x'.repeat(33), ' ', ''],
    ),
    confidence: field(fc.double({ min: 0, max: 1, noNaN: true }), [
      0,
      -0,
      1,
      1.0000001,
      -1e-9,
      NaN,
      Infinity,
    ]),
    quantity: field(fc.double({ min: 1e-6, max: 1e12, noNaN: true }), [
      0,
      -0,
      1e12,
      1e12 + 1,
      1e-300,
      NaN,
      Infinity,
    ]),
  },
  { requiredKeys: ['action'] },
);
/** Now and then a field the gate does not know, "__proto__" among them (as an own key, as parsed). */
const request = fc
  .tuple(question, fc.option(fc.constantFrom('qty', 'orderId', '__proto__'), { freq: 8 }))
  .map(([fields, extra]) =>
    extra === null ? fields : Object.defineProperty({ ...fields }, extra, { value: 1, enumerable: true }),
  );

describe('the usual gate request, checked without zod', () => {
  it('accepts only what gateRequestSchema accepts, with exactly its output', () => {
    let accepted = 0;
    fc.assert(
      fc.property(request, (input) => {
        const usual = usualGateRequest(input);
        if (usual === undefined) return;
        accepted += 1;
        const parsed = gateRequestSchema.safeParse(input);
        expect(parsed.success).toBe(true);
        expect(usual).toStrictEqual(parsed.data);
      }),
      { numRuns: 5000 },
    );
    // Not vacuous: generated questions of the usual shape took the quick path.
    expect(accepted).toBeGreaterThan(50);
  });

  it('takes the questions bots ask before every order', () => {
    for (const input of [
      { action: 'open', symbol: 'AAPL', confidence: 0.8, quantity: 10 },
      { action: 'close', symbol: 'BRK.B', quantity: 1e12 },
      { action: 'reduce', confidence: 0 },
      { action: 'cancel' },
    ])
      expect(usualGateRequest(input)).toStrictEqual(input);
  });

  it('leaves to the schema whatever it would change or refuse', () => {
    for (const input of [
      { action: 'open', symbol: ' AAPL ' },
      { action: 'open', quantity: 0 },
      { action: 'open', confidence: Number.NaN },
      { action: 'open', symbol: undefined },
      { action: 'cancel', orderId: '7' },
      Object.defineProperty({ action: 'open' }, '__proto__', { value: 1, enumerable: true }),
      null,
      'open',
    ])
      expect(usualGateRequest(input)).toBeUndefined();
  });
});
