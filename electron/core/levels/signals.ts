import { z } from 'zod';
import { BREAKER_STATES, CRITICALITIES } from '../../../shared/levels.ts';
import { reportSchema } from '../../../shared/reports.ts';

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
 * Everything the level engine listens to: breaker states plus the bot's reports. A probe's
 * latency is a `latency` report with its service; without a service it counts as the bot's.
 */
export const signalSchema = z.discriminatedUnion('type', [breakerSignalSchema, reportSchema]);
export type Signal = z.input<typeof signalSchema>;
export type ParsedSignal = z.output<typeof signalSchema>;

/** A recorded signal with the time it arrived, for replays. */
export interface TimedSignal {
  at: number;
  signal: Signal;
}

export const BOT_SERVICE = 'bot';
