import { z } from 'zod';
import { formatDuration } from './format.ts';

/**
 * When the graduated level escalates, and how long it waits before stepping down.
 * Defaults (the usual graduated-level table): ALERT at 500 ms latency, 0.1 % slippage or 2
 * consecutive order failures (leaves after 60 s healthy); THROTTLE at 1 000 ms, 0.3 %, 3 failures or a
 * 30 % failure rate over 5 min (300 s); HALT at 3 000 ms, 0.5 %, 5 failures or a 5 % loss (900 s, then
 * operator confirmation); SHUTDOWN at 10 failures. Percentages are percents (0.1 = 0.1 %), never fractions.
 * Messages are plain words for a trader: the form shows them beside the field, the API under its path.
 */
type Unit = 'ms' | '%' | 'count' | 'confidence';

const UNIT_TEXT: Record<Unit, { show: (n: number) => string; notNumber: string }> = {
  ms: { show: (n) => `${n} ms`, notNumber: 'must be a whole number of milliseconds' },
  '%': { show: (n) => `${n} %`, notNumber: 'must be a number (in percent)' },
  count: { show: (n) => String(n), notNumber: 'must be a whole number' },
  confidence: { show: (n) => String(n), notNumber: 'must be a number from 0 to 1' },
};

/** zod's issues for one number field, in words: "must be at least 10000 ms (= 10 s)", "must be more than 0 %". */
function numberMessage(unit: Unit): z.core.$ZodErrorMap {
  const { notNumber } = UNIT_TEXT[unit];
  const show = (n: number) =>
    unit === 'ms' && n >= 1_000
      ? `${UNIT_TEXT.ms.show(n)} (= ${formatDuration(n)})`
      : UNIT_TEXT[unit].show(n);
  return (issue) => {
    if (issue.code === 'too_small')
      return `must be ${issue.inclusive ? 'at least' : 'more than'} ${show(Number(issue.minimum))}`;
    if (issue.code === 'too_big')
      return `must be ${issue.inclusive ? 'at most' : 'less than'} ${show(Number(issue.maximum))}`;
    return notNumber;
  };
}

const groupMessage: z.core.$ZodErrorMap = (issue) =>
  issue.code === 'unrecognized_keys'
    ? `unknown setting${issue.keys.length === 1 ? '' : 's'} ${issue.keys.map((k) => `"${k}"`).join(', ')}`
    : 'must be a group of settings (a JSON object)';

const ms = (min: number) =>
  z
    .number({ error: numberMessage('ms') })
    .int()
    .min(min)
    .max(86_400_000);
const pct = (max: number) =>
  z
    .number({ error: numberMessage('%') })
    .gt(0)
    .max(max);
const count = (max: number) =>
  z
    .number({ error: numberMessage('count') })
    .int()
    .min(1)
    .max(max);
const failures = count(1_000);
const flag = z.boolean({ error: 'must be true or false' });
/** A group whose every field has a default, so a missing group is filled in as `{}`. */
function group<T extends z.core.$ZodLooseShape>(shape: T) {
  const schema = z.strictObject(shape, { error: groupMessage });
  return schema.prefault({} as z.input<typeof schema>);
}

/** Within a group each level's step must be at least the one before; these name them in words. */
const ORDERED_STEPS = {
  latency: {
    what: 'latency',
    unit: 'ms',
    steps: { alertMs: 'ALERT', throttleMs: 'THROTTLE', haltMs: 'HALT' },
  },
  slippage: {
    what: 'slippage',
    unit: '%',
    steps: { alertPct: 'ALERT', throttlePct: 'THROTTLE', haltPct: 'HALT' },
  },
  orderFailures: {
    what: 'failure count',
    unit: 'count',
    steps: { alert: 'ALERT', throttle: 'THROTTLE', halt: 'HALT', shutdown: 'SHUTDOWN' },
  },
} as const satisfies Record<string, { what: string; unit: Unit; steps: Record<string, string> }>;

export const thresholdsSchema = z
  .strictObject(
    {
      /** Probe or bot latency of any service, in ms. */
      latency: group({
        alertMs: ms(1).default(500),
        throttleMs: ms(1).default(1_000),
        haltMs: ms(1).default(3_000),
      }),
      /** |actual − expected| / expected of the latest fill, in percent. */
      slippage: group({
        alertPct: pct(100).default(0.1),
        throttlePct: pct(100).default(0.3),
        haltPct: pct(100).default(0.5),
      }),
      /** Consecutive order failures reported by the bot (exchange-halt rejections do not count). */
      orderFailures: group({
        alert: failures.default(2),
        throttle: failures.default(3),
        halt: failures.default(5),
        shutdown: failures.default(10),
      }),
      /** Share of failed orders over the window → THROTTLE, once the window holds minOrders orders. */
      failureRate: group({
        throttlePct: pct(100).default(30),
        windowMs: ms(10_000).default(300_000),
        minOrders: count(100_000).default(10),
      }),
      /** Realised loss over the window, in percent of the latest reported equity → HALT. */
      loss: group({ haltPct: pct(100).default(5), windowMs: ms(60_000).default(86_400_000) }),
      /** Healthy time a level needs before it steps down one level. */
      cooldownMs: group({
        alert: ms(1_000).default(60_000),
        throttle: ms(1_000).default(300_000),
        halt: ms(1_000).default(900_000),
      }),
      /** After HALT's cooldown an operator must confirm before the level leaves HALT. */
      requireConfirmationToLeaveHalt: flag.default(true),
      /** THROTTLE: opening or increasing needs at least this signal confidence (0..1). */
      throttleMinConfidence: z
        .number({ error: numberMessage('confidence') })
        .min(0)
        .max(1)
        .default(0.7),
      /** HALT: tell the bot to flatten its positions. */
      flattenOnHalt: flag.default(false),
    },
    { error: groupMessage },
  )
  .superRefine(
    (t, ctx) => {
      for (const [groupName, { what, unit, steps }] of Object.entries(ORDERED_STEPS)) {
        const values: unknown = t[groupName as keyof typeof ORDERED_STEPS];
        if (typeof values !== 'object' || values === null) continue;
        const { show } = UNIT_TEXT[unit];
        const keys = Object.keys(steps) as (keyof typeof steps)[];
        for (let i = 1; i < keys.length; i++) {
          const [low, high] = [keys[i - 1]!, keys[i]!];
          const [lowValue, highValue] = [numberAt(values, low), numberAt(values, high)];
          if (lowValue !== null && highValue !== null && highValue < lowValue)
            ctx.addIssue({
              code: 'custom',
              path: [groupName, high],
              message: `${steps[high]} ${what} (${show(highValue)}) must be at least the ${steps[low]} ${what} (${show(lowValue)})`,
            });
        }
      }
    },
    // Also when another field is invalid (an emptied input): the ordering stays in view beside its field.
    { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
  );

function numberAt(group: object, key: string): number | null {
  const value: unknown = (group as Record<string, unknown>)[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
export type Thresholds = z.infer<typeof thresholdsSchema>;
export type ThresholdsInput = z.input<typeof thresholdsSchema>;

export const THRESHOLD_PRESET_NAMES = ['conservative', 'default', 'aggressive'] as const;
export type ThresholdPresetName = (typeof THRESHOLD_PRESET_NAMES)[number];

/**
 * The usual presets: conservative alerts at 300 ms and throttles / halts after 2 / 3 failures;
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
