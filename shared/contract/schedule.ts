import { z } from 'zod';
import {
  EXCHANGE_IDS,
  scheduleConfigSchema,
  type CalendarMonth,
  type CheckpointFailure,
  type MissedCheck,
  type ScheduleConfig,
  type ScheduledCheck,
  type ScheduledRun,
} from '../schedule.ts';
import { method, noInput } from './define.ts';

/** The market-aware schedule and the exchange calendar. */
export const scheduleMethods = {
  'schedule.get': method<ScheduleConfig>()(noInput),
  'schedule.set': method<ScheduleConfig>()(scheduleConfigSchema),
  'schedule.upcoming': method<ScheduledCheck[]>()(
    z
      .object({ limit: z.number().int().min(1).max(500).default(20) })
      .strict()
      .default({ limit: 20 }),
  ),
  'calendar.month': method<CalendarMonth>()(
    z
      .object({
        exchange: z.enum(EXCHANGE_IDS).optional(),
        year: z.number().int().min(2000).max(2100),
        month: z.number().int().min(1).max(12),
      })
      .strict(),
  ),
};

export interface ScheduleEvents {
  'schedule.run': ScheduledRun;
  'schedule.missed': MissedCheck;
  /** A checkpoint's failed services still failed after its retries. */
  'checkpoint.failed': CheckpointFailure;
}
