import { describe, expect, it } from 'vitest';
import { THRESHOLD_PRESETS, thresholdsPresetName, thresholdsSchema } from '../../../shared/thresholds.ts';
import { parseOrThrow } from '../../../shared/errors.ts';

describe('thresholds', () => {
  it('defaults to the graduated-level table (ALERT 500 ms / 0.1 % / 2 failures, THROTTLE 1 000 ms …)', () => {
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

  it('names every inconsistent field with its value, in words, under the field it places', () => {
    expect(() =>
      parseOrThrow(
        thresholdsSchema,
        { latency: { alertMs: 2_000 }, slippage: { throttlePct: 0.05 }, orderFailures: { alert: 4 } },
        'thresholds',
      ),
    ).toThrow(
      'thresholds: latency.throttleMs: THROTTLE latency (1000 ms) must be at least the ALERT latency (2000 ms); ' +
        'slippage.throttlePct: THROTTLE slippage (0.05 %) must be at least the ALERT slippage (0.1 %); ' +
        'orderFailures.throttle: THROTTLE failure count (3) must be at least the ALERT failure count (4)',
    );
    expect(issuesOf({ orderFailures: { halt: 12 } })).toEqual([
      ['orderFailures.shutdown', 'SHUTDOWN failure count (10) must be at least the HALT failure count (12)'],
    ]);
    expect(() => parseOrThrow(thresholdsSchema, { latency: { haltMs: 'fast' } }, 'thresholds')).toThrow(
      'latency.haltMs: must be a whole number of milliseconds (got "fast")',
    );
  });

  it('says what each field accepts in plain words, not in developer text', () => {
    expect(
      issuesOf({
        latency: { alertMs: 0, throttleMs: 1.5, haltMs: Number.NaN },
        slippage: { alertPct: 0, haltPct: 101 },
        orderFailures: { alert: 0 },
        failureRate: { windowMs: 5_000, minOrders: 0 },
        loss: { windowMs: 86_400_001 },
        throttleMinConfidence: 2,
        flattenOnHalt: 'yes',
      }),
    ).toEqual([
      ['latency.alertMs', 'must be at least 1 ms'],
      ['latency.throttleMs', 'must be a whole number of milliseconds'],
      ['latency.haltMs', 'must be a whole number of milliseconds'],
      ['slippage.alertPct', 'must be more than 0 %'],
      ['slippage.haltPct', 'must be at most 100 %'],
      ['orderFailures.alert', 'must be at least 1'],
      ['failureRate.windowMs', 'must be at least 10000 ms (= 10 s)'],
      ['failureRate.minOrders', 'must be at least 1'],
      ['loss.windowMs', 'must be at most 86400000 ms (= 24 h)'],
      ['throttleMinConfidence', 'must be at most 1'],
      ['flattenOnHalt', 'must be true or false'],
    ]);
    expect(
      issuesOf({ latency: 5, cooldownMs: { alert: 999 }, lag: 1, orderFailures: { x: 1, y: 2 } }),
    ).toEqual([
      ['latency', 'must be a group of settings (a JSON object)'],
      ['orderFailures', 'unknown settings "x", "y"'],
      ['cooldownMs.alert', 'must be at least 1000 ms (= 1 s)'],
      ['', 'unknown setting "lag"'],
    ]);
  });
});

describe('thresholds ordering', () => {
  it('is still checked while another field is invalid, skipping the steps that are not numbers', () => {
    expect(
      issuesOf({
        latency: { alertMs: 2_000, throttleMs: 1_000, haltMs: 'x' },
        cooldownMs: { alert: Number.NaN },
      }),
    ).toEqual([
      ['latency.haltMs', 'must be a whole number of milliseconds'],
      ['cooldownMs.alert', 'must be a whole number of milliseconds'],
      ['latency.throttleMs', 'THROTTLE latency (1000 ms) must be at least the ALERT latency (2000 ms)'],
    ]);
    expect(issuesOf({ latency: 5, slippage: null })).toEqual([
      ['latency', 'must be a group of settings (a JSON object)'],
      ['slippage', 'must be a group of settings (a JSON object)'],
    ]);
    expect(issuesOf(null)).toEqual([['', 'must be a group of settings (a JSON object)']]);
  });
});

function issuesOf(input: unknown): [string, string][] {
  const result = thresholdsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => [i.path.join('.'), i.message]);
}
