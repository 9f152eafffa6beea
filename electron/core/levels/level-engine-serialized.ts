import { z } from 'zod';
import { LEVELS } from '../../../shared/levels.ts';
import { signalBookSerializedSchema } from './signal-book-serialized.ts';

const signalCauseSchema = z.object({
  signal: z.string(),
  service: z.string().optional(),
  value: z.union([z.number(), z.string()]),
  threshold: z.union([z.number(), z.string()]).optional(),
});

const issueSchema = z.object({
  at: z.number(),
  signal: z.string(),
  service: z.string().optional(),
  value: z.union([z.number(), z.string()]),
  threshold: z.union([z.number(), z.string()]),
  level: z.enum(LEVELS),
});

/** What survives a restart: level, override, cooldown clock, signal state and recent issues. */
export const levelEngineSerializedSchema = z.object({
  version: z.literal(1),
  level: z.enum(LEVELS),
  since: z.number(),
  cause: signalCauseSchema.nullable(),
  override: z
    .object({ enabled: z.boolean(), reason: z.string(), actor: z.string(), since: z.number() })
    .nullable(),
  /** Since when the signals have called for a lower level: the cooldown clock. */
  healthySince: z.number().nullable(),
  /** In HALT: the same clock leaving out the bot's trade signals (absent in older saves). */
  healthyWithoutTradeSince: z.number().nullable().optional(),
  /** When this was saved: time after it (the app closed, the laptop off) never counts as healthy. */
  savedAt: z.number().optional(),
  /** The signal windows' own time when this was saved (see SteadyTime); absent: the wall clock's. */
  windowsAt: z.number().optional(),
  signals: signalBookSerializedSchema,
  issues: z.array(issueSchema),
});
export type LevelEngineSerialized = z.infer<typeof levelEngineSerializedSchema>;
