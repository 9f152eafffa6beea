import type { Priority } from '../../../../shared/notify-channels.ts';
import { requireSecret } from '../../secrets/index.ts';
import type { ChannelContext, ChannelOf, DeliveryChannel } from './channel.ts';
import { postToProvider } from './http-post.ts';

/** ntfy's 1 (min) – 5 (max, a long vibration burst). */
const NTFY_PRIORITY: Record<Priority, number> = { INFO: 2, WARNING: 3, CRITICAL: 4, EMERGENCY: 5 };

/**
 * ntfy (ntfy.sh or self-hosted), published as JSON to the server's root so titles may hold any
 * character (HTTP headers may not); an access token goes as a Bearer header.
 */
export function ntfyChannel(config: ChannelOf<'ntfy'>, context: ChannelContext): DeliveryChannel {
  return {
    name: config.name,
    send: async (notice) => {
      const headers: Record<string, string> = {};
      if (config.token)
        headers.authorization = `Bearer ${requireSecret(context.secrets, config.token.secret)}`;
      return postToProvider(
        {
          url: `${config.baseUrl.replace(/\/+$/, '')}/`,
          body: {
            topic: config.topic,
            title: notice.title,
            message: notice.body,
            priority: NTFY_PRIORITY[notice.priority],
            tags: [notice.priority.toLowerCase()],
          },
          headers,
        },
        context,
      );
    },
  };
}
