import { z } from 'zod';

/**
 * When the graduated level escalates, and how long it waits before stepping down.
 * Defaults are REFERENCE.md's. Percentages are percents (0.1 = 0.1 %), never fractions.
 */
const ms = (min: number) => z.number().int().min(min).max(86_400_000);
const pct = (max: number) => z.number().gt(0, 'must be > 0').max(max);
const failures = z.number().int().min(1).max(1_000);

export const thresholdsSchema = z
  .object({
    /** Probe or bot latency of any service, in ms. */
    latency: z
      .object({ alertMs: ms(1).default(500), throttleMs: ms(1).default(1_000), haltMs: ms(1).default(3_000) })
      .strict()
      .prefault({}),
    /** |actual − expected| / expected of the latest fill, in percent. */
    slippage: z
      .object({
        alertPct: pct(100).default(0.1),
        throttlePct: pct(100).default(0.3),
        haltPct: pct(100).default(0.5),
      })
      .strict()
      .prefault({}),
    /** Consecutive order failures reported by the bot (exchange-halt rejections do not count). */
    orderFailures: z
      .object({
        alert: failures.default(2),
        throttle: failures.default(3),
        halt: failures.default(5),
        shutdown: failures.default(10),
      })
      .strict()
      .prefault({}),
    /** Share of failed orders over the window → THROTTLE, once the window holds minOrders orders. */
    failureRate: z
      .object({
        throttlePct: pct(100).default(30),
        windowMs: ms(10_000).default(300_000),
        minOrders: z.number().int().min(1).max(100_000).default(10),
      })
      .strict()
      .prefault({}),
    /** Realised loss over the window, in percent of the latest reported equity → HALT. */
    loss: z
      .object({ haltPct: pct(100).default(5), windowMs: ms(60_000).default(86_400_000) })
      .strict()
      .prefault({}),
    /** Healthy time a level needs before it steps down one level. */
    cooldownMs: z
      .object({
        alert: ms(1_000).default(60_000),
        throttle: ms(1_000).default(300_000),
        halt: ms(1_000).default(900_000),
      })
      .strict()
      .prefault({}),
    /** After HALT's cooldown an operator must confirm before the level leaves HALT. */
    requireConfirmationToLeaveHalt: z.boolean().default(true),
    /** THROTTLE: opening or increasing needs at least this signal confidence (0..1). */
    throttleMinConfidence: z.number().min(0).max(1).default(0.7),
    /** HALT: tell the bot to flatten its positions. */
    flattenOnHalt: z.boolean().default(false),
  })
  .strict()
  .superRefine((t, ctx) => {
    const ascending = (group: string, entries: [string, number][]) => {
      for (let i = 1; i < entries.length; i++) {
        const [lowName, low] = entries[i - 1]!;
        const [highName, high] = entries[i]!;
        if (high < low)
          ctx.addIssue({
            code: 'custom',
            path: [group, highName],
            message: `${group}.${highName} (${high}) must be ≥ ${group}.${lowName} (${low})`,
          });
      }
    };
    ascending('latency', Object.entries(t.latency));
    ascending('slippage', Object.entries(t.slippage));
    ascending('orderFailures', Object.entries(t.orderFailures));
  });
export type Thresholds = z.infer<typeof thresholdsSchema>;
export type ThresholdsInput = z.input<typeof thresholdsSchema>;

export const THRESHOLD_PRESET_NAMES = ['conservative', 'default', 'aggressive'] as const;
export type ThresholdPresetName = (typeof THRESHOLD_PRESET_NAMES)[number];

/**
 * REFERENCE.md fixes: conservative alerts at 300 ms and throttles / halts after 2 / 3 failures;
 * aggressive alerts at 1 000 ms and throttles / halts after 5 / 8. The other numbers are ours,
 * chosen in the same direction.
 */
export const THRESHOLD_PRESETS: Record<ThresholdPresetName, Thresholds> = {
  conservative: thresholdsSchema.parse({
    latency: { alertMs: 300, throttleMs: 700, haltMs: 2_000 },
    slippage: { alertPct: 0.05, throttlePct: 0.2, haltPct: 0.4 },
    orderFailures: { alert: 1, throttle: 2, halt: 3, shutdown: 6 },
    failureRate: { throttlePct: 20 },
    loss: { haltPct: 3 },
    cooldownMs: { alert: 120_000, throttle: 600_000, halt: 1_800_000 },
    throttleMinConfidence: 0.8,
  }),
  default: thresholdsSchema.parse({}),
  aggressive: thresholdsSchema.parse({
    latency: { alertMs: 1_000, throttleMs: 2_000, haltMs: 5_000 },
    slippage: { alertPct: 0.2, throttlePct: 0.5, haltPct: 1 },
    orderFailures: { alert: 3, throttle: 5, halt: 8, shutdown: 12 },
    failureRate: { throttlePct: 40 },
    loss: { haltPct: 8 },
    cooldownMs: { alert: 30_000, throttle: 120_000, halt: 600_000 },
    throttleMinConfidence: 0.6,
  }),
};

/** The preset these thresholds equal, or 'custom'. */
export function thresholdsPresetName(t: Thresholds): ThresholdPresetName | 'custom' {
  const key = JSON.stringify(t);
  return THRESHOLD_PRESET_NAMES.find((name) => JSON.stringify(THRESHOLD_PRESETS[name]) === key) ?? 'custom';
}
