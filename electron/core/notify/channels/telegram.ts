import { requireSecret } from '../../secrets/index.ts';
import { replyButtons } from '../telegram-buttons.ts';
import { plainText, type ChannelContext, type ChannelOf, type DeliveryChannel } from './channel.ts';
import { joinUrl, postToProvider } from './http-post.ts';

/**
 * Telegram's Bot API `sendMessage`; INFO notices arrive silently. With `commands` on, a stored
 * notice carries reply buttons (acknowledge, snooze) that telegram-commands.ts answers.
 */
export function telegramChannel(config: ChannelOf<'telegram'>, context: ChannelContext): DeliveryChannel {
  return {
    name: config.name,
    send: async (notice) => {
      const token = requireSecret(context.secrets, config.botToken.secret);
      const buttons = config.commands ? replyButtons(notice) : null;
      return postToProvider(
        {
          url: joinUrl(config.baseUrl, `bot${token}/sendMessage`),
          body: {
            chat_id: config.chatId,
            text: plainText(notice),
            disable_notification: notice.priority === 'INFO',
            link_preview_options: { is_disabled: true },
            ...(buttons ? { reply_markup: buttons } : {}),
          },
        },
        context,
      );
    },
  };
}
