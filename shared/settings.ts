import { z } from 'zod';
import { retentionSchema } from './history.ts';
import { LEVELS } from './levels.ts';
import { channelListSchema, DEFAULT_EMERGENCY_REPEAT_MINUTES } from './notify-channels.ts';
import { scheduleConfigSchema } from './schedule.ts';
import { monitoringSettingsSchema } from './service-watch.ts';
import { thresholdsSchema } from './thresholds.ts';

/** The app's own settings (settings.json in the data folder). Every field has a default. */
export const DEFAULT_API_PORT = 17321;
export const MAX_WEBHOOKS = 10;

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const webhookUrl = z.url({
  protocol: /^https?$/,
  error: (iss) => `must be an http:// or https:// URL, got ${JSON.stringify(iss.input)}`,
});

/** Each section is also exported alone, so a settings update can replace one section at a time. */
export const notificationSettingsSchema = z
  .object({
    /** Levels whose arrival notifies; HALT and SHUTDOWN always do. */
    levels: z.array(z.enum(LEVELS)).default(['HALT', 'SHUTDOWN']),
    /** Play the system sound with a desktop notification. */
    sound: z.boolean().default(true),
    /** Level changes are also POSTed to these URLs. */
    webhooks: z
      .array(webhookUrl)
      .max(MAX_WEBHOOKS, `at most ${MAX_WEBHOOKS} webhooks`)
      .refine((urls) => new Set(urls).size === urls.length, 'the same webhook URL is listed twice')
      .default([]),
    /** Email, Telegram, SMS, ntfy, Pushover, Discord, Slack and webhook channels (notify-channels.ts). */
    channels: channelListSchema.default([]),
    /** An unacknowledged EMERGENCY notice goes out again this often. */
    emergencyRepeatMinutes: z
      .number()
      .int('a whole number of minutes')
      .min(1, 'at least 1')
      .max(1440, 'at most 1440')
      .default(DEFAULT_EMERGENCY_REPEAT_MINUTES),
  })
  .strict();
export type NotificationSettings = z.output<typeof notificationSettingsSchema>;

export const themeSchema = z.enum(THEMES);
export const DEFAULT_API_HOST = '127.0.0.1';

export const appSettingsSchema = z
  .object({
    api: z
      .object({
        port: z
          .number()
          .int({ error: (iss) => `a whole number, got ${JSON.stringify(iss.input)}` })
          .min(1024, { error: (iss) => `at least 1024, got ${JSON.stringify(iss.input)}` })
          .max(65535, { error: (iss) => `at most 65535, got ${JSON.stringify(iss.input)}` })
          .default(DEFAULT_API_PORT),
        /** Where the local server listens; anything but loopback also needs a token the user chose. */
        host: z.string().trim().min(1).max(253).default(DEFAULT_API_HOST),
        /** Prometheus scrapers often cannot send headers, and the server is loopback-only by default. */
        metricsRequireToken: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    notifications: notificationSettingsSchema.prefault({}),
    theme: themeSchema.default('system'),
    /** Start the desktop app when the user logs in (applied by the Electron shell). */
    startAtLogin: z.boolean().default(false),
    /** How long history is kept. */
    retention: retentionSchema.prefault({}),
    /** When the trading level escalates and how long it waits to step down. */
    thresholds: thresholdsSchema.prefault({}),
    /** Which checks run when, on which exchange's calendar. */
    schedule: scheduleConfigSchema.prefault({}),
    /** How services are probed between the scheduled checks. */
    monitoring: monitoringSettingsSchema.prefault({}),
  })
  .strict();

export type AppSettings = z.output<typeof appSettingsSchema>;
export type AppSettingsInput = z.input<typeof appSettingsSchema>;
export const DEFAULT_SETTINGS: AppSettings = appSettingsSchema.parse({});
