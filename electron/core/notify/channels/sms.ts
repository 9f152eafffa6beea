import { requireSecret } from '../../secrets/index.ts';
import { plainText, type ChannelContext, type ChannelOf, type DeliveryChannel } from './channel.ts';
import { basicAuth, joinUrl, postToProvider } from './http-post.ts';

/** A text message stays within a few SMS segments; the dashboard has the rest. */
const MAX_SMS_CHARS = 480;

/** SMS through Twilio's REST Messages API (form body, Basic auth with the Account SID and auth token). */
export function smsChannel(config: ChannelOf<'sms'>, context: ChannelContext): DeliveryChannel {
  return {
    name: config.name,
    send: async (notice) => {
      const token = requireSecret(context.secrets, config.authToken.secret);
      const text = plainText(notice);
      return postToProvider(
        {
          url: joinUrl(config.baseUrl, `2010-04-01/Accounts/${config.accountSid}/Messages.json`),
          body: new URLSearchParams({
            To: config.to,
            From: config.from,
            Body: text.length > MAX_SMS_CHARS ? `${text.slice(0, MAX_SMS_CHARS - 1)}…` : text,
          }),
          headers: { authorization: basicAuth(config.accountSid, token) },
        },
        context,
      );
    },
  };
}
