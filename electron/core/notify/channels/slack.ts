import { requireSecret } from '../../secrets/index.ts';
import { plainText, type ChannelContext, type ChannelOf, type DeliveryChannel } from './channel.ts';
import { postToProvider } from './http-post.ts';

/** Slack's mrkdwn treats these three as markup; escaped as Slack documents. */
function escapeMrkdwn(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** A Slack incoming webhook: `text` for notifications, blocks for the message itself. */
export function slackChannel(config: ChannelOf<'slack'>, context: ChannelContext): DeliveryChannel {
  return {
    name: config.name,
    send: async (notice) =>
      postToProvider(
        {
          url: requireSecret(context.secrets, config.url.secret),
          body: {
            text: escapeMrkdwn(plainText(notice)),
            blocks: [
              { type: 'header', text: { type: 'plain_text', text: notice.title.slice(0, 150) } },
              { type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(notice.body).slice(0, 3000) } },
              { type: 'context', elements: [{ type: 'mrkdwn', text: `Priority: *${notice.priority}*` }] },
            ],
          },
        },
        context,
      ),
  };
}
