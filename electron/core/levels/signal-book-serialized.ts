import { z } from 'zod';
import { BREAKER_STATES, CRITICALITIES } from '../../../shared/levels.ts';
import { serviceHealthSerializedSchema } from './service-signals.ts';

/** A SignalBook as saved with the engine state. */
const windowSchema = z.object({
  windowMs: z.number(),
  state: z.object({ lastSlot: z.number(), buckets: z.array(z.array(z.number())) }),
});
export const signalBookSerializedSchema = z.object({
  latencies: z.array(z.tuple([z.string(), z.number().nonnegative()])),
  breakers: z.array(z.tuple([z.string(), z.enum(BREAKER_STATES), z.enum(CRITICALITIES)])),
  consecutiveOrderFailures: z.number().int().nonnegative(),
  slippagePct: z.number().nonnegative().nullable(),
  criticalError: z.object({ category: z.string(), message: z.string() }).nullable(),
  equity: z.number().positive().nullable(),
  orders: windowSchema,
  realised: windowSchema,
  /** Failure streaks of probed services (absent in states saved before probes moved the level). */
  services: serviceHealthSerializedSchema.default([]),
});
export type SignalBookSerialized = z.infer<typeof signalBookSerializedSchema>;
