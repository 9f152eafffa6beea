import { z } from 'zod';
import { retentionSchema } from '../history.ts';
import type { LevelName } from '../levels.ts';
import { appSettingsSchema, notificationSettingsSchema, themeSchema, type AppSettings } from '../settings.ts';
import { monitoringSettingsSchema } from '../service-watch.ts';
import { thresholdsSchema } from '../thresholds.ts';
import { method, noInput } from './define.ts';

/** The local server section as saved; `prefault` stripped so a patch without it leaves it alone. */
export const apiSettingsSchema = appSettingsSchema.shape.api.unwrap();
export type ApiSettings = z.output<typeof apiSettingsSchema>;

/**
 * Sections `settings.set` may change; each one given replaces that whole section (missing fields
 * take their defaults). Thresholds and schedule have their own methods, which also apply the change
 * to the running engine. `api` is saved only: the running server keeps its host and port until the
 * next start (a non-loopback host is refused then unless a token was chosen); `metricsRequireToken`
 * is read per scrape, so it applies at once.
 */
export const settingsPatchSchema = z
  .object({
    api: apiSettingsSchema.optional(),
    notifications: notificationSettingsSchema.optional(),
    theme: themeSchema.optional(),
    startAtLogin: z.boolean().optional(),
    retention: retentionSchema.optional(),
    monitoring: monitoringSettingsSchema.optional(),
  })
  .strict();
export type SettingsPatch = z.input<typeof settingsPatchSchema>;

export const REPLAY_DAYS = [7, 30] as const;

/** What one set of thresholds did over the replayed history. */
export interface ReplaySummary {
  /** How many times the level rose into each level. */
  escalations: Record<LevelName, number>;
  timeInLevelMs: Record<LevelName, number>;
}

export interface ThresholdReplay {
  current: ReplaySummary;
  proposed: ReplaySummary;
  /** The replayed range, UTC epoch ms. */
  from: number;
  to: number;
  /** Recorded signals in the range (probe latencies, breaker changes, bot reports). */
  signals: number;
}

/** The settings screen, and the thresholds editor's "what would these have done?". */
export const settingsMethods = {
  'settings.get': method<AppSettings>()(noInput),
  'settings.set': method<AppSettings>()(settingsPatchSchema),
  /** Replays the last `days` of recorded history under the current and the proposed thresholds. */
  'thresholds.replay': method<ThresholdReplay>()(
    z
      .object({
        thresholds: thresholdsSchema,
        days: z.union(
          REPLAY_DAYS.map((d) => z.literal(d)),
          { error: 'must be 7 or 30' },
        ),
      })
      .strict(),
  ),
};
