import { z } from 'zod';
import type { LevelName } from './levels.ts';
import { secretRefSchema } from './services.ts';

/**
 * Notification priorities, lowest first, and the channels that carry notices off the laptop
 * (settings `notifications.channels`). Credentials are secret references `{"secret": "NAME"}`,
 * never literal values: the settings file may be shared.
 */
export const PRIORITIES = ['INFO', 'WARNING', 'CRITICAL', 'EMERGENCY'] as const;
export type Priority = (typeof PRIORITIES)[number];

const LEVEL_PRIORITY: Record<LevelName, Priority> = {
  NORMAL: 'INFO',
  ALERT: 'WARNING',
  THROTTLE: 'CRITICAL',
  HALT: 'CRITICAL',
  SHUTDOWN: 'EMERGENCY',
};

export function priorityForLevel(level: LevelName): Priority {
  return LEVEL_PRIORITY[level];
}

export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority);
}

export function atLeast(priority: Priority, minimum: Priority): boolean {
  return priorityRank(priority) >= priorityRank(minimum);
}

export const CHANNEL_KINDS = [
  'email',
  'telegram',
  'sms',
  'ntfy',
  'pushover',
  'discord',
  'slack',
  'webhook',
] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

export const MAX_CHANNELS = 20;
export const DEFAULT_EMERGENCY_REPEAT_MINUTES = 5;

const channelName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,39}$/,
    'a channel name is 1–40 letters, digits, space or "_ . -", starting with a letter or digit',
  );

const webUrl = (what: string) =>
  z.url({
    protocol: /^https?$/,
    error: (iss) => `${what} must be an http:// or https:// URL, got ${JSON.stringify(iss.input)}`,
  });

const common = {
  name: channelName,
  enabled: z.boolean().default(true),
  /** Notices below this priority are not sent on this channel. */
  minPriority: z.enum(PRIORITIES).default('CRITICAL'),
};

const email = z.string().trim().email('must be an e-mail address');
const recipients = <T extends z.ZodType>(item: T) =>
  z.array(item).min(1, 'at least one recipient').max(10, 'at most 10 recipients');

const phone = z.string().regex(/^\+[1-9]\d{6,14}$/, 'a phone number in E.164 form, e.g. +15551234567');

export const channelSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        ...common,
        kind: z.literal('email'),
        host: z.string().trim().min(1, 'the SMTP server is required').max(253),
        port: z.number().int().min(1).max(65535).default(587),
        /** `starttls` upgrades a plain connection (port 587); `tls` is TLS from the start (465). */
        security: z.enum(['starttls', 'tls']).default('starttls'),
        user: z.string().max(256).optional(),
        password: secretRefSchema.optional(),
        /** A PEM file of the CA to trust as well, for a mail server with a private certificate. */
        caFile: z.string().min(1).max(1024).optional(),
        from: email,
        to: recipients(email),
      })
      .strict(),
    z
      .object({
        ...common,
        kind: z.literal('telegram'),
        botToken: secretRefSchema,
        chatId: z.string().regex(/^(-?\d{1,20}|@[A-Za-z0-9_]{5,64})$/, 'a numeric chat id or @channelname'),
        baseUrl: webUrl('baseUrl').default('https://api.telegram.org'),
        /** Reply buttons on notices, and /status and /halt from this chat (off: send only). */
        commands: z.boolean().default(false),
      })
      .strict()
      .refine((c) => !c.commands || /^-?\d+$/.test(c.chatId), {
        message: 'commands need the numeric chat id of your chat with the bot, not an @channelname',
        path: ['chatId'],
        // Also while other fields are still missing, so the editor shows it at once.
        when: ({ value }) => {
          const draft = value as { chatId?: unknown; commands?: unknown } | null;
          return typeof draft?.chatId === 'string' && draft.commands === true;
        },
      }),
    z
      .object({
        ...common,
        kind: z.literal('sms'),
        /** Twilio's Account SID (not a secret: it names the account; the auth token is one). */
        accountSid: z.string().regex(/^AC[0-9a-fA-F]{32}$/, 'a Twilio Account SID: AC and 32 hex digits'),
        authToken: secretRefSchema,
        from: phone,
        /** One number per channel: a retry then never texts someone who already got it. */
        to: phone,
        baseUrl: webUrl('baseUrl').default('https://api.twilio.com'),
      })
      .strict(),
    z
      .object({
        ...common,
        kind: z.literal('ntfy'),
        baseUrl: webUrl('baseUrl').default('https://ntfy.sh'),
        topic: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a topic is 1–64 letters, digits, "_" or "-"'),
        /** An access token for a protected topic (self-hosted servers). */
        token: secretRefSchema.optional(),
      })
      .strict(),
    z
      .object({
        ...common,
        kind: z.literal('pushover'),
        appToken: secretRefSchema,
        userKey: secretRefSchema,
        baseUrl: webUrl('baseUrl').default('https://api.pushover.net'),
      })
      .strict(),
    z
      .object({
        ...common,
        kind: z.literal('discord'),
        /** The webhook URL holds its own token, so it is a secret. */
        url: secretRefSchema,
      })
      .strict(),
    z
      .object({
        ...common,
        kind: z.literal('slack'),
        /** The incoming-webhook URL holds its own token, so it is a secret. */
        url: secretRefSchema,
      })
      .strict(),
    z
      .object({
        ...common,
        kind: z.literal('webhook'),
        url: z.union([webUrl('url'), secretRefSchema]),
        /** Sent as `Authorization: Bearer <value>` when set. */
        bearer: secretRefSchema.optional(),
      })
      .strict(),
  ],
  { error: `kind must be one of ${CHANNEL_KINDS.join(', ')}` },
);

export type ChannelConfig = z.output<typeof channelSchema>;
export type ChannelConfigInput = z.input<typeof channelSchema>;

export const channelListSchema = z
  .array(channelSchema)
  .max(MAX_CHANNELS, `at most ${MAX_CHANNELS} channels`)
  .refine(
    (channels) => new Set(channels.map((c) => c.name.toLowerCase())).size === channels.length,
    'two channels have the same name',
  );

/** Delivery of one notice on one channel, as the notification center shows it. */
export const DELIVERY_STATES = ['pending', 'sent', 'failed', 'snoozed'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

export interface DeliveryView {
  channel: string;
  state: DeliveryState;
  attempts: number;
  /** The provider's last answer or error (secrets replaced by their names). */
  answer: string | null;
  sentAt: number | null;
  nextAttemptAt: number | null;
}

/** What a notice says, as stored, sent on every channel and listed. */
export interface NoticeContent {
  id: number;
  at: number;
  kind: string;
  priority: Priority;
  service: string | null;
  title: string;
  body: string;
  target: string;
}

export interface NoticeView extends NoticeContent {
  /** How many times an EMERGENCY notice went out again while unacknowledged. */
  repeats: number;
  acknowledged: { at: number; actor: string; reason: string } | null;
  /** The notice came while its service's notices were snoozed: recorded, not pushed. */
  snoozed: boolean;
  read: boolean;
  deliveries: DeliveryView[];
}

export const SNOOZE_DURATIONS = ['1h', '4h', 'session'] as const;
export type SnoozeDuration = (typeof SNOOZE_DURATIONS)[number];

export interface SnoozeView {
  service: string;
  until: number;
  reason: string;
  actor: string;
  at: number;
}

export interface NotificationsPage {
  notices: NoticeView[];
  unread: number;
  snoozes: SnoozeView[];
}

/** What a "Send test" got back from the provider. */
export interface ChannelTestResult {
  ok: boolean;
  /** The provider's answer on success, its error otherwise. */
  answer: string;
}
