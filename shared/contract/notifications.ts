import { z } from 'zod';
import {
  channelSchema,
  SNOOZE_DURATIONS,
  type ChannelTestResult,
  type NoticeView,
  type NotificationsPage,
  type SnoozeView,
} from '../notify-channels.ts';
import { serviceName } from '../services.ts';
import { method, reasonSchema } from './define.ts';

export const MAX_NOTICES_PAGE = 500;

export const notificationsQuerySchema = z
  .object({
    /** Notices at or after this instant (epoch ms); default: all kept. */
    since: z.number().int().nonnegative().default(0),
    limit: z.number().int().min(1).max(MAX_NOTICES_PAGE).default(100),
  })
  .strict();

/** The notification center: notices and their delivery, acknowledge, snooze, and channel tests. */
export const notificationsMethods = {
  /** Newest first, with each channel's delivery state, the unread count and the snoozes in force. */
  'notifications.list': method<NotificationsPage>()(notificationsQuerySchema.prefault({})),
  /** Marks every notice up to `upTo` (an id) as read. */
  'notifications.markRead': method<{ unread: number }>()(
    z.object({ upTo: z.number().int().nonnegative() }).strict(),
  ),
  /** Stops an EMERGENCY notice repeating; the level stays where it is. */
  'notifications.acknowledge': method<NoticeView>()(
    z.object({ id: z.number().int().positive(), reason: reasonSchema }).strict(),
  ),
  /** Silences a service's notices (never EMERGENCY) for 1 h, 4 h or until the next session opens. */
  'notifications.snooze': method<SnoozeView>()(
    z
      .object({
        service: serviceName,
        duration: z.enum(SNOOZE_DURATIONS, { error: 'must be 1h, 4h or session' }),
        reason: reasonSchema,
      })
      .strict(),
  ),
  'notifications.unsnooze': method<{ service: string }>()(
    z.object({ service: serviceName, reason: reasonSchema }).strict(),
  ),
  /** Sends a test notice on the channel as given (saved or not) and reports the provider's answer. */
  'notifications.test': method<ChannelTestResult>()(z.object({ channel: channelSchema }).strict()),
};

export interface NotificationsEvents {
  /** The notification center changed: a notice arrived, was read or acknowledged. */
  'notifications.changed': { unread: number };
}
