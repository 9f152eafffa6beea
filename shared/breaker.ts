import { z } from 'zod';
import { BREAKER_STATES } from './levels.ts';
import type { BreakerStateName } from './levels.ts';

/**
 * Settings of one per-service circuit breaker. Every field is documented with its default.
 * Rates are percents, as in the level thresholds (50 = 50 %): `failureRatePct`, `slowCallRatePct`.
 * Config files written before took fractions under `failureRateThreshold` / `slowCallRateThreshold`
 * (0.5 = 50 %); those are still read. The parsed config carries fractions, which the breaker
 * compares with its window's failed/total ratio and its audit causes record.
 */
const count = (min: number, max: number) => z.number().int().min(min).max(max);
const rate = z.number().gt(0, 'must be > 0').max(1, 'a fraction in (0, 1], e.g. 0.5 for 50 %');
const percentRate = z.number().gt(0, 'must be > 0').max(100, 'a percent in (0, 100], e.g. 50 for 50 %');
const durationMs = z.number().int().min(1).max(86_400_000);

export const breakerWindowSchema = z.discriminatedUnion('type', [
  /** The last `size` calls. */
  z.object({ type: z.literal('count'), size: count(1, 10_000) }).strict(),
  /** The calls of the last `ms` milliseconds; forgets everything older, also after an idle period. */
  z.object({ type: z.literal('time'), ms: z.number().int().min(1_000).max(86_400_000) }).strict(),
]);
export type BreakerWindow = z.infer<typeof breakerWindowSchema>;

export const breakerConfigSchema = z
  .object({
    /** Consecutive failures that open the breaker. Default 5. */
    failureThreshold: count(1, 10_000).default(5),
    /** How long the breaker stays open before it admits trial calls. Default 60 000 ms. */
    openMs: durationMs.default(60_000),
    /** Trial calls admitted at once in half-open; further callers are rejected, not queued. Default 1. */
    halfOpenMaxCalls: count(1, 1_000).default(1),
    /** Successful trials that close the breaker; any failed trial re-opens it. Default 1. */
    successThreshold: count(1, 1_000).default(1),
    /** Sliding window for the failure rate and slow-call rate. Default none (consecutive failures only). */
    window: breakerWindowSchema.optional(),
    /** Failure rate (percent) over the window that opens the breaker. Default 50. */
    failureRatePct: percentRate.optional(),
    /** The same as a fraction (0.5 = 50 %), as older config files have it. */
    failureRateThreshold: rate.optional(),
    /** Calls the window must hold before its rates count. Default 10. */
    minimumCalls: count(1, 10_000).default(10),
    /** A call at least this slow counts as slow. Default none (slow calls are not judged). */
    slowCallMs: durationMs.optional(),
    /** Slow-call rate (percent) over the window that opens the breaker. Default 100 when slowCallMs is set. */
    slowCallRatePct: percentRate.optional(),
    /** The same as a fraction, as older config files have it. */
    slowCallRateThreshold: rate.optional(),
    /** Each re-open from half-open multiplies the open period, up to maxOpenMs. Default none. */
    backoff: z
      .object({ multiplier: z.number().gt(1, 'must be > 1').max(100), maxOpenMs: durationMs })
      .strict()
      .optional(),
    /** A trial that has not reported after this long counts as failed, so half-open cannot stick. Default 30 000 ms. */
    halfOpenMaxWaitMs: durationMs.default(30_000),
  })
  .strict()
  .superRefine((c, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (c.window?.type === 'count' && c.minimumCalls > c.window.size)
      issue(
        'minimumCalls',
        `minimumCalls (${c.minimumCalls}) must be ≤ window.size (${c.window.size}), or the rate never counts`,
      );
    if (c.slowCallMs !== undefined && c.window === undefined)
      issue('slowCallMs', `slowCallMs (${c.slowCallMs}) needs a window to measure the slow-call rate`);
    for (const [pct, fraction] of [
      ['failureRatePct', 'failureRateThreshold'],
      ['slowCallRatePct', 'slowCallRateThreshold'],
    ] as const)
      if (c[pct] !== undefined && c[fraction] !== undefined)
        issue(
          fraction,
          `${fraction} is the old form of ${pct} (a fraction, not a percent): give only ${pct}`,
        );
    const slowRate = c.slowCallRatePct ?? c.slowCallRateThreshold;
    if (slowRate !== undefined && c.slowCallMs === undefined)
      issue(
        c.slowCallRatePct === undefined ? 'slowCallRateThreshold' : 'slowCallRatePct',
        `the slow-call rate (${c.slowCallRatePct === undefined ? `${slowRate * 100} %` : `${slowRate} %`}) needs slowCallMs`,
      );
    if (c.backoff && c.backoff.maxOpenMs < c.openMs)
      issue('backoff', `backoff.maxOpenMs (${c.backoff.maxOpenMs}) must be ≥ openMs (${c.openMs})`);
  })
  .transform(({ failureRatePct, slowCallRatePct, ...c }) => ({
    ...c,
    failureRateThreshold:
      failureRatePct === undefined ? (c.failureRateThreshold ?? 0.5) : failureRatePct / 100,
    slowCallRateThreshold: slowCallRatePct === undefined ? c.slowCallRateThreshold : slowCallRatePct / 100,
  }));
export type BreakerConfig = z.infer<typeof breakerConfigSchema>;
export type BreakerConfigInput = z.input<typeof breakerConfigSchema>;

export const BREAKER_PROFILE_NAMES = [
  'market_data',
  'options_chain',
  'expirations',
  'broker_api',
  'postgres',
  'redis',
  'websocket',
  'custom',
] as const;
export type BreakerProfileName = (typeof BREAKER_PROFILE_NAMES)[number];

/**
 * Breaker profiles seen in practice for these kinds of service (failures to open / open period,
 * and a failure-rate window where a burst of errors matters more than a streak); `custom` is the
 * plain defaults (5 failures / 60 s).
 */
export const BREAKER_PROFILES: Record<BreakerProfileName, BreakerConfigInput> = {
  market_data: { failureThreshold: 5, openMs: 60_000 },
  options_chain: { failureThreshold: 3, openMs: 90_000 },
  expirations: { failureThreshold: 4, openMs: 75_000 },
  broker_api: {
    failureThreshold: 5,
    openMs: 60_000,
    window: { type: 'count', size: 20 },
    failureRatePct: 50,
    minimumCalls: 10,
  },
  postgres: { failureThreshold: 5, openMs: 30_000 },
  redis: { failureThreshold: 3, openMs: 15_000 },
  websocket: {
    failureThreshold: 10,
    openMs: 30_000,
    window: { type: 'count', size: 50 },
    failureRatePct: 30,
    minimumCalls: 20,
  },
  custom: {},
};

/** What the UI shows of one breaker. */
export interface BreakerSnapshot {
  state: BreakerStateName;
  consecutiveFailures: number;
  /** Failure rate over the window as a fraction (0.5 = 50 %), null without a window or below minimumCalls. */
  failureRate: number | null;
  openedAt: number | null;
  /** OPEN: when trial calls start being admitted (null while isolated). Arm a probe timer here. */
  nextTrialAt: number | null;
  generation: number;
  isolated: boolean;
  /** HALF_OPEN with a trial in flight: when that trial counts as failed if it has not reported. */
  halfOpenUntil: number | null;
  /** HALF_OPEN: trials in flight and successes so far. */
  trialsInFlight: number;
  trialSuccesses: number;
}

const windowStateSchema = z.discriminatedUnion('type', [
  /** Outcome codes oldest first: bit 1 = failure, bit 2 = slow. */
  z.object({ type: z.literal('count'), outcomes: z.array(z.number().int().min(0).max(3)) }).strict(),
  z
    .object({
      type: z.literal('time'),
      lastSlot: z.number().int(),
      /** [calls, failures, slow] per bucket, oldest first, ending at lastSlot. */
      buckets: z.array(z.tuple([z.number(), z.number(), z.number()])),
    })
    .strict(),
]);

/** Persisted breaker state; restoring it gives a breaker that behaves like the one serialised. */
export const breakerSerializedSchema = z
  .object({
    version: z.literal(1),
    state: z.enum(BREAKER_STATES),
    generation: z.number().int().nonnegative(),
    consecutiveFailures: z.number().int().nonnegative(),
    openedAt: z.number().nullable(),
    nextTrialAt: z.number().nullable(),
    isolated: z.boolean(),
    /** Re-opens since the breaker last closed: the backoff exponent. */
    reopens: z.number().int().nonnegative(),
    trialSuccesses: z.number().int().nonnegative(),
    window: windowStateSchema.nullable(),
  })
  .strict();
export type BreakerSerialized = z.infer<typeof breakerSerializedSchema>;
export type BreakerWindowState = z.infer<typeof windowStateSchema>;
