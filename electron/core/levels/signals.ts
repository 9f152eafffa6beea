import { z } from 'zod';
import { BREAKER_STATES, CRITICALITIES } from '../../../shared/levels.ts';
import { PROBE_OUTCOMES } from '../../../shared/probe.ts';
import { reportSchema } from '../../../shared/reports.ts';
import { serviceLatencySchema } from '../../../shared/service-watch.ts';

/** A breaker moved: an open (or half-open) breaker holds the level up by its service's criticality. */
export const breakerSignalSchema = z
  .object({
    type: z.literal('breaker'),
    service: z.string().min(1).max(64),
    state: z.enum(BREAKER_STATES),
    criticality: z.enum(CRITICALITIES),
  })
  .strict();

/**
 * One probe of a watched service: its failure streak moves the level by criticality, and its latency
 * (a timeout's at the timeout) by the service's own latency policy. Self-contained, so replays need
 * no service list.
 */
export const probeSignalSchema = z
  .object({
    type: z.literal('probe'),
    service: z.string().min(1).max(64),
    criticality: z.enum(CRITICALITIES),
    outcome: z.enum(PROBE_OUTCOMES),
    ms: z.number().nonnegative().max(3_600_000),
    confirmFailures: z.number().int().min(1).max(100),
    latency: serviceLatencySchema.optional(),
  })
  .strict();
export type ProbeSignal = z.output<typeof probeSignalSchema>;

/**
 * Everything the level engine listens to: breaker states, probes, plus the bot's reports. A bot's
 * `latency` report without a service counts as the bot's own.
 */
export const signalSchema = z.discriminatedUnion('type', [
  breakerSignalSchema,
  probeSignalSchema,
  reportSchema,
]);
export type Signal = z.input<typeof signalSchema>;

/** A recorded signal with the time it arrived, for replays. */
export interface TimedSignal {
  at: number;
  signal: Signal;
}

export const BOT_SERVICE = 'bot';
