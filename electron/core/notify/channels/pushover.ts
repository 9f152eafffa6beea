import type { Priority } from '../../../../shared/notify-channels.ts';
import { requireSecret } from '../../secrets/index.ts';
import type { ChannelContext, ChannelOf, DeliveryChannel } from './channel.ts';
import { joinUrl, postToProvider } from './http-post.ts';

/**
 * Pushover's -1 (quiet) to 1 (high, past quiet hours). EMERGENCY stays at 1 rather than Pushover's
 * own 2: Haltwatch repeats it until it is acknowledged in Haltwatch, one place to acknowledge.
 */
const PUSHOVER_PRIORITY: Record<Priority, number> = { INFO: -1, WARNING: 0, CRITICAL: 1, EMERGENCY: 1 };

/** Pushover's Messages API (form body with the application token and the user key). */
export function pushoverChannel(config: ChannelOf<'pushover'>, context: ChannelContext): DeliveryChannel {
  return {
    name: config.name,
    send: async (notice) =>
      postToProvider(
        {
          url: joinUrl(config.baseUrl, '1/messages.json'),
          body: new URLSearchParams({
            token: requireSecret(context.secrets, config.appToken.secret),
            user: requireSecret(context.secrets, config.userKey.secret),
            title: notice.title,
            message: notice.body,
            priority: String(PUSHOVER_PRIORITY[notice.priority]),
            timestamp: String(Math.floor(notice.at / 1000)),
          }),
        },
        context,
      ),
  };
}
