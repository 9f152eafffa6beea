import { z } from 'zod';
import { LEVEL_FOR_OPEN_BREAKER, levelRank, type Criticality, type LevelName } from './levels.ts';

/**
 * How each service is watched between checkpoints and how its probes move the level: its own probe
 * interval, how many failed probes in a row mean "down", and its own latency thresholds.
 */

/** Failed probes in a row after which a service counts as down (its criticality's level). */
export const DEFAULT_CONFIRM_FAILURES = 2;

const latencyStep = z
  .number({ error: 'must be a whole number of milliseconds' })
  .int('must be a whole number of milliseconds')
  .min(1, 'must be at least 1 ms')
  .max(120_000, 'must be at most 120000 ms');

const LATENCY_STEPS = [
  ['alertMs', 'ALERT'],
  ['throttleMs', 'THROTTLE'],
  ['haltMs', 'HALT'],
] as const;

/** `"ignore"`: this service's latency never moves the level; an object: only the steps given count. */
export const serviceLatencySchema = z.union(
  [
    z.literal('ignore'),
    z
      .object({
        alertMs: latencyStep.optional(),
        throttleMs: latencyStep.optional(),
        haltMs: latencyStep.optional(),
      })
      .strict()
      .superRefine((steps, ctx) => {
        const given = LATENCY_STEPS.filter(([key]) => steps[key] !== undefined);
        if (given.length === 0)
          ctx.addIssue({
            code: 'custom',
            message: 'give at least one of alertMs, throttleMs, haltMs (or "ignore")',
          });
        for (let i = 1; i < given.length; i++) {
          const [lowKey, lowLevel] = given[i - 1]!;
          const [highKey, highLevel] = given[i]!;
          if (steps[highKey]! < steps[lowKey]!)
            ctx.addIssue({
              code: 'custom',
              path: [highKey],
              message: `the ${highLevel} latency (${steps[highKey]} ms) must be at least the ${lowLevel} latency (${steps[lowKey]} ms)`,
            });
        }
      }),
  ],
  { error: 'must be "ignore" or {"alertMs", "throttleMs", "haltMs"} in ms' },
);
export type ServiceLatency = z.infer<typeof serviceLatencySchema>;

/** The watch fields every service has (all optional: defaults below and in `monitoring`). */
export const serviceWatchFields = {
  /** Seconds between this service's own probes; default by session (monitoring settings). */
  intervalSeconds: z
    .number({ error: 'must be a whole number of seconds 5–86400' })
    .int('must be a whole number of seconds 5–86400')
    .min(5, 'must be at least 5 s')
    .max(86_400, 'must be at most 86400 s')
    .optional(),
  /** Failed probes in a row that mean the service is down (its criticality's level). */
  confirmFailures: z
    .number({ error: 'must be a whole number 1–100' })
    .int('must be a whole number 1–100')
    .min(1, 'must be at least 1')
    .max(100, 'must be at most 100')
    .optional(),
  /** Its own latency thresholds, or "ignore"; unset: the global ones, capped at its criticality's level. */
  latency: serviceLatencySchema.optional(),
};

/** The highest level a service's latency may raise the level to under the global thresholds. */
export function latencyCap(criticality: Criticality): LevelName {
  return LEVEL_FOR_OPEN_BREAKER[criticality];
}

export function withinCap(level: LevelName, cap: LevelName): boolean {
  return levelRank(level) <= levelRank(cap);
}

/**
 * `monitoring` in settings.json: how often services are probed between checkpoints, how a failure
 * is confirmed, and how a failed market checkpoint is retried.
 */
const seconds = (min: number, max: number) =>
  z
    .number({ error: `must be a whole number of seconds ${min}–${max}` })
    .int(`must be a whole number of seconds ${min}–${max}`)
    .min(min, `must be at least ${min} s`)
    .max(max, `must be at most ${max} s`);

export const monitoringSettingsSchema = z
  .object({
    /** Probe every service on its own interval, besides the scheduled checks. */
    enabled: z.boolean().default(true),
    /** Default interval during the exchange session and the hour before it opens. */
    sessionIntervalSeconds: seconds(5, 86_400).default(60),
    /** Default interval outside the session. */
    offSessionIntervalSeconds: seconds(5, 86_400).default(300),
    /** How long before the open counts as "session" for the default interval. */
    preOpenMinutes: z.number().int().min(0).max(720).default(60),
    /** Heartbeats are only a look at the last beat: evaluated this often. */
    heartbeatIntervalSeconds: seconds(1, 3_600).default(5),
    /** At ALERT or worse every interval is multiplied by this (0.25: four times as often), at least 5 s. */
    escalatedIntervalFactor: z.number().gt(0).max(1).default(0.25),
    /** Each interval is moved by up to ± this percent at random, so probes do not bunch up. */
    jitterPct: z.number().min(0).max(50).default(10),
    /** After a failed probe, the service is probed again this soon until its failure is confirmed. */
    confirmRetrySeconds: seconds(1, 3_600).default(10),
    /** A scheduled checkpoint retries a failed service this many times before it counts as failed. */
    checkpointRetries: z.number().int().min(0).max(10).default(3),
    checkpointRetrySeconds: seconds(1, 3_600).default(60),
  })
  .strict();
export type MonitoringSettings = z.output<typeof monitoringSettingsSchema>;
export const DEFAULT_MONITORING: MonitoringSettings = monitoringSettingsSchema.parse({});
