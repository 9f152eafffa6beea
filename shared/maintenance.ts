import { z } from 'zod';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time "HH:MM" (24-hour), e.g. "06:00"');

const ianaZone = z.string().refine(
  (zone) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      return true;
    } catch {
      return false;
    }
  },
  {
    error: (iss) => `must be an IANA time zone such as "America/New_York", got ${JSON.stringify(iss.input)}`,
  },
);

const epochMs = z.number().int().nonnegative();

/** Once, between two instants (epoch ms). */
export const oneOffWindowSchema = z
  .object({ from: epochMs, to: epochMs })
  .strict()
  .refine((w) => w.to > w.from, { error: '"to" must be after "from"', path: ['to'] });

/** Every week on `day` from `start` to `end` in `zone`; an `end` not after `start` ends the next day. */
export const weeklyWindowSchema = z
  .object({ day: z.enum(WEEKDAYS), start: clockTime, end: clockTime, zone: ianaZone })
  .strict();

export const maintenanceWindowSchema = z.union([oneOffWindowSchema, weeklyWindowSchema], {
  error: 'a maintenance window is {"from", "to"} (epoch ms) or {"day", "start", "end", "zone"}',
});
export type MaintenanceWindow = z.infer<typeof maintenanceWindowSchema>;
export type WeeklyWindow = z.infer<typeof weeklyWindowSchema>;

export const maintenanceSchema = z.array(maintenanceWindowSchema).max(20, 'at most 20 maintenance windows');
