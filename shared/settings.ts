import { z } from 'zod';
import { LEVELS } from './levels.ts';
import { scheduleConfigSchema } from './schedule.ts';
import { thresholdsSchema } from './thresholds.ts';

/** The app's own settings (settings.json in the data folder). Every field has a default. */
export const DEFAULT_API_PORT = 17321;
export const DEFAULT_API_HOST = '127.0.0.1';

export const appSettingsSchema = z
  .object({
    api: z
      .object({
        port: z
          .number()
          .int()
          .min(1024, 'at least 1024')
          .max(65535, 'at most 65535')
          .default(DEFAULT_API_PORT),
        /** Where the local server listens; anything but loopback also needs a token the user chose. */
        host: z.string().trim().min(1).max(253).default(DEFAULT_API_HOST),
        /** Prometheus scrapers often cannot send headers, and the server is loopback-only by default. */
        metricsRequireToken: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    notifications: z
      .object({
        /** Levels whose arrival notifies; HALT and SHUTDOWN always do. */
        levels: z.array(z.enum(LEVELS)).default(['HALT', 'SHUTDOWN']),
      })
      .strict()
      .default({ levels: ['HALT', 'SHUTDOWN'] }),
    theme: z.enum(['system', 'light', 'dark']).default('system'),
    /** When the trading level escalates and how long it waits to step down. */
    thresholds: thresholdsSchema.prefault({}),
    /** Which checks run when, on which exchange's calendar. */
    schedule: scheduleConfigSchema.prefault({}),
  })
  .strict();

export type AppSettings = z.output<typeof appSettingsSchema>;
export type AppSettingsInput = z.input<typeof appSettingsSchema>;
export const DEFAULT_SETTINGS: AppSettings = appSettingsSchema.parse({});
