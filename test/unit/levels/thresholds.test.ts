import { describe, expect, it } from 'vitest';
import { THRESHOLD_PRESETS, thresholdsPresetName, thresholdsSchema } from '../../../shared/thresholds.ts';
import { parseOrThrow } from '../../../electron/core/breaker/parse-or-throw.ts';

describe('thresholds', () => {
  it('defaults to REFERENCE.md', () => {
    expect(thresholdsSchema.parse({})).toEqual({
      latency: { alertMs: 500, throttleMs: 1_000, haltMs: 3_000 },
      slippage: { alertPct: 0.1, throttlePct: 0.3, haltPct: 0.5 },
      orderFailures: { alert: 2, throttle: 3, halt: 5, shutdown: 10 },
      failureRate: { throttlePct: 30, windowMs: 300_000, minOrders: 10 },
      loss: { haltPct: 5, windowMs: 86_400_000 },
      cooldownMs: { alert: 60_000, throttle: 300_000, halt: 900_000 },
      requireConfirmationToLeaveHalt: true,
      throttleMinConfidence: 0.7,
      flattenOnHalt: false,
    });
  });

  it('has presets with the reference numbers, each consistent and recognised by name', () => {
    const { conservative, aggressive } = THRESHOLD_PRESETS;
    expect([
      conservative.latency.alertMs,
      conservative.orderFailures.throttle,
      conservative.orderFailures.halt,
    ]).toEqual([300, 2, 3]);
    expect([
      aggressive.latency.alertMs,
      aggressive.orderFailures.throttle,
      aggressive.orderFailures.halt,
    ]).toEqual([1_000, 5, 8]);
    for (const [name, preset] of Object.entries(THRESHOLD_PRESETS)) {
      expect(thresholdsSchema.safeParse(preset).success).toBe(true);
      expect(thresholdsPresetName(thresholdsSchema.parse(preset))).toBe(name);
    }
  });

  it('names every inconsistent field with its value', () => {
    expect(() =>
      parseOrThrow(
        thresholdsSchema,
        { latency: { alertMs: 2_000 }, slippage: { throttlePct: 0.05 }, orderFailures: { alert: 4 } },
        'thresholds',
      ),
    ).toThrow(
      'thresholds: latency.throttleMs (1000) must be ≥ latency.alertMs (2000); ' +
        'slippage.throttlePct (0.05) must be ≥ slippage.alertPct (0.1); ' +
        'orderFailures.throttle (3) must be ≥ orderFailures.alert (4)',
    );
    expect(() => parseOrThrow(thresholdsSchema, { latency: { haltMs: 'fast' } }, 'thresholds')).toThrow(
      /latency.haltMs: .*\(got "fast"\)/,
    );
    expect(() => parseOrThrow(thresholdsSchema, { lag: 1 }, 'thresholds')).toThrow(/Unrecognized key: "lag"/);
  });
});
