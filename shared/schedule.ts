import { z } from 'zod';
import { nameSchema } from './names.ts';

/**
 * Market-aware scheduling: which exchange calendar the checks follow, which checks run relative to
 * each session, and the user's ad-hoc closures. Dates are `YYYY-MM-DD` in the exchange's own zone;
 * instants are UTC epoch milliseconds.
 */

export const EXCHANGE_IDS = ['XNYS', 'CRYPTO'] as const;
export type ExchangeId = (typeof EXCHANGE_IDS)[number];

/** The IANA zone each exchange's sessions are defined in: its calendar's and its times' on screen. */
export const EXCHANGE_ZONE: Record<ExchangeId, string> = {
  XNYS: 'America/New_York',
  CRYPTO: 'UTC',
};

/** What a check is for; the market open and close checks raise an alert when they are missed. */
export const CHECKPOINTS = [
  'market_open',
  'market_close',
  'pre_open',
  'midday',
  'after_hours',
  'interval',
] as const;
export type Checkpoint = (typeof CHECKPOINTS)[number];
export const ALERTING_CHECKPOINTS: readonly Checkpoint[] = ['market_open', 'market_close'];

/** `open` / `close`: one check per session at that time plus the offset; `interval`: every N minutes in the session. */
export const ANCHORS = ['open', 'close', 'interval'] as const;
export type Anchor = (typeof ANCHORS)[number];

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, 'a date that exists on the calendar');

export const hhmmSchema = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time of day as HH:mm (00:00–23:59)');

const adhocBase = {
  date: isoDateSchema,
  name: z.string().trim().min(1, 'a name is required').max(120, 'at most 120 characters'),
};

/** An unscheduled closure or early close the rules cannot know about (e.g. a national day of mourning). */
export const adhocEntrySchema = z.discriminatedUnion('type', [
  z.object({ ...adhocBase, type: z.literal('closed') }).strict(),
  z.object({ ...adhocBase, type: z.literal('early_close'), close: hhmmSchema.default('13:00') }).strict(),
]);
export type AdhocEntry = z.infer<typeof adhocEntrySchema>;
export type AdhocEntryInput = z.input<typeof adhocEntrySchema>;

const MAX_OFFSET_MINUTES = 720;

export const scheduleEntrySchema = z
  .object({
    name: nameSchema,
    checkpoint: z.enum(CHECKPOINTS),
    anchor: z.enum(ANCHORS),
    /** Signed minutes from the anchor; for `interval`, where the first tick falls after the open. */
    offsetMinutes: z
      .number()
      .int('whole minutes')
      .min(-MAX_OFFSET_MINUTES, `at least -${MAX_OFFSET_MINUTES}`)
      .max(MAX_OFFSET_MINUTES, `at most ${MAX_OFFSET_MINUTES}`)
      .default(0),
    /** Only for `interval`: minutes between checks while the session is open. */
    everyMinutes: z.number().int('whole minutes').min(1, 'at least 1').max(720, 'at most 720').optional(),
    /** When several checks fall due at the same instant, the highest priority one runs. */
    priority: z.number().int().min(0, 'at least 0').max(100, 'at most 100').default(50),
    enabled: z.boolean().default(true),
    /** A check that would start more than this late is skipped and recorded as missed. */
    expirySeconds: z.number().int().min(1, 'at least 1 s').max(86_400, 'at most 86400 s').default(300),
  })
  .strict()
  .superRefine((entry, ctx) => {
    if (entry.anchor === 'interval' && entry.everyMinutes === undefined)
      ctx.addIssue({ code: 'custom', path: ['everyMinutes'], message: 'required when anchor is "interval"' });
    if (entry.anchor !== 'interval' && entry.everyMinutes !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['everyMinutes'],
        message: `only allowed when anchor is "interval" (anchor is "${entry.anchor}")`,
      });
  });
export type ScheduleEntry = z.infer<typeof scheduleEntrySchema>;
export type ScheduleEntryInput = z.input<typeof scheduleEntrySchema>;

export const scheduleEntriesSchema = z.array(scheduleEntrySchema).superRefine((entries, ctx) => {
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    const key = e.name.toLowerCase();
    if (seen.has(key))
      ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `duplicate entry name "${e.name}"` });
    seen.add(key);
  });
});

/** Presets for the optional checks; the default schedule holds only the open and close checks. */
export const SCHEDULE_PRESETS = {
  marketOpen: (): ScheduleEntry =>
    entry({ name: 'market open', checkpoint: 'market_open', anchor: 'open', priority: 100 }),
  marketClose: (): ScheduleEntry =>
    entry({ name: 'market close', checkpoint: 'market_close', anchor: 'close', priority: 90 }),
  preOpen: (minutesBefore = 15): ScheduleEntry =>
    entry({
      name: 'pre-open',
      checkpoint: 'pre_open',
      anchor: 'open',
      offsetMinutes: -minutesBefore,
      priority: 80,
    }),
  /** 12:30 on a 09:30 open: inside the session on early-close days too. */
  midday: (): ScheduleEntry =>
    entry({ name: 'midday', checkpoint: 'midday', anchor: 'open', offsetMinutes: 180, priority: 60 }),
  afterHours: (minutesAfter = 60): ScheduleEntry =>
    entry({
      name: 'after hours',
      checkpoint: 'after_hours',
      anchor: 'close',
      offsetMinutes: minutesAfter,
      priority: 60,
    }),
  interval: (everyMinutes = 5): ScheduleEntry =>
    entry({
      name: 'interval',
      checkpoint: 'interval',
      anchor: 'interval',
      everyMinutes,
      priority: 10,
      expirySeconds: 60,
    }),
} as const;

function entry(input: ScheduleEntryInput): ScheduleEntry {
  return scheduleEntrySchema.parse(input);
}

export function defaultScheduleEntries(): ScheduleEntry[] {
  return [SCHEDULE_PRESETS.marketOpen(), SCHEDULE_PRESETS.marketClose()];
}

export const scheduleConfigSchema = z
  .object({
    exchange: z.enum(EXCHANGE_IDS).default('XNYS'),
    entries: scheduleEntriesSchema.default(defaultScheduleEntries),
    /** Extends the exchange's shipped list of ad-hoc closures; an entry for the same date replaces the shipped one. */
    adhoc: z.array(adhocEntrySchema).default([]),
    /** After a sleep or clock jump, run a missed check that is still within its expiry (else record it missed). */
    catchUp: z.boolean().default(true),
  })
  .strict();
export type ScheduleConfig = z.infer<typeof scheduleConfigSchema>;
export type ScheduleConfigInput = z.input<typeof scheduleConfigSchema>;

/** One trading session. `open` and `close` are UTC epoch ms; `date` is the exchange-local date. */
export interface Session {
  date: string;
  open: number;
  close: number;
  earlyClose: boolean;
}

export interface Holiday {
  date: string;
  name: string;
}

export interface EarlyClose {
  date: string;
  /** Exchange-local close, HH:mm. */
  close: string;
  name: string;
}

/** One check the scheduler will run; several entries due at the same instant coalesce into one. */
export interface ScheduledCheck {
  name: string;
  checkpoint: Checkpoint;
  dueAt: number;
  /** After this instant the check is no longer run but recorded as missed. */
  expiresAt: number;
  priority: number;
  exchange: ExchangeId;
}

export interface ScheduledRun extends ScheduledCheck {
  startedAt: number;
  /** Scheduler lag: startedAt − dueAt. */
  lagMs: number;
  /** True when the run happens late because of a sleep, a clock jump or a resync. */
  catchUp: boolean;
  /** Other checks still within their expiry that this run stands in for (they do not run separately). */
  coalesced: string[];
}

export interface MissedCheck extends ScheduledCheck {
  detectedAt: number;
  /** True for market open and market close checks. */
  alert: boolean;
}

/** A month of the exchange calendar, for the UI's month view. */
export interface CalendarDay {
  date: string;
  /** ISO weekday, Monday = 1 … Sunday = 7. */
  weekday: number;
  session: Session | null;
  /** Why a weekday has no session (holiday or ad-hoc closure). */
  holiday: string | null;
  earlyClose: EarlyClose | null;
}

export interface CalendarMonth {
  exchange: ExchangeId;
  zone: string;
  year: number;
  month: number;
  days: CalendarDay[];
}

const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** Short English weekday name of a `YYYY-MM-DD` date (the date itself, no time zone involved). */
export function weekdayName(date: string): string {
  return WEEKDAY_NAMES[new Date(`${date}T00:00:00Z`).getUTCDay()] ?? '?';
}

/** A scheduled checkpoint whose failed services still failed after its retries. */
export interface CheckpointFailure {
  name: string;
  checkpoint: string;
  priority: number;
  dueAt: number;
  /** The first check and its retries. */
  attempts: number;
  failedAt: number;
  services: { service: string; reason: string }[];
}
