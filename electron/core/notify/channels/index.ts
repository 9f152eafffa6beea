import type { ChannelConfig } from '../../../../shared/notify-channels.ts';
import type { ChannelContext, DeliveryChannel } from './channel.ts';
import { discordChannel } from './discord.ts';
import { emailChannel } from './email.ts';
import { ntfyChannel } from './ntfy.ts';
import { pushoverChannel } from './pushover.ts';
import { slackChannel } from './slack.ts';
import { smsChannel } from './sms.ts';
import { telegramChannel } from './telegram.ts';
import { webhookChannel } from './webhook.ts';

export type { ChannelContext, DeliveryChannel, OutgoingNotice } from './channel.ts';
export { ProviderError } from './http-post.ts';

/** The channel a configuration describes. */
export function buildChannel(config: ChannelConfig, context: ChannelContext): DeliveryChannel {
  switch (config.kind) {
    case 'email':
      return emailChannel(config, context);
    case 'telegram':
      return telegramChannel(config, context);
    case 'sms':
      return smsChannel(config, context);
    case 'ntfy':
      return ntfyChannel(config, context);
    case 'pushover':
      return pushoverChannel(config, context);
    case 'discord':
      return discordChannel(config, context);
    case 'slack':
      return slackChannel(config, context);
    case 'webhook':
      return webhookChannel(config, context);
  }
}
