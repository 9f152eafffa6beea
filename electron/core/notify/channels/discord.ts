import type { Priority } from '../../../../shared/notify-channels.ts';
import { requireSecret } from '../../secrets/index.ts';
import type { ChannelContext, ChannelOf, DeliveryChannel } from './channel.ts';
import { postToProvider } from './http-post.ts';

/** Embed colours: grey, amber, red, dark red. */
export const DISCORD_COLOR: Record<Priority, number> = {
  INFO: 0x95a5a6,
  WARNING: 0xf1c40f,
  CRITICAL: 0xe74c3c,
  EMERGENCY: 0x8b0000,
};

/**
 * A Discord webhook: one embed per notice, mentions disabled (a title cannot ping @everyone).
 * `wait=true` makes Discord answer with the message it created, shown as the provider's answer.
 */
export function discordChannel(config: ChannelOf<'discord'>, context: ChannelContext): DeliveryChannel {
  return {
    name: config.name,
    send: async (notice) => {
      const url = new URL(requireSecret(context.secrets, config.url.secret));
      url.searchParams.set('wait', 'true');
      return postToProvider(
        {
          url: url.href,
          body: {
            username: 'Haltwatch',
            allowed_mentions: { parse: [] },
            embeds: [
              {
                title: notice.title.slice(0, 256),
                description: notice.body.slice(0, 4096),
                color: DISCORD_COLOR[notice.priority],
                timestamp: new Date(notice.at).toISOString(),
                footer: { text: notice.priority },
              },
            ],
          },
        },
        context,
      );
    },
  };
}
