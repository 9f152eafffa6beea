import { resolveText } from '../../secrets/resolve-refs.ts';
import { requireSecret } from '../../secrets/index.ts';
import type { ChannelContext, ChannelOf, DeliveryChannel, OutgoingNotice } from './channel.ts';
import { postToProvider } from './http-post.ts';

/** What a generic webhook receives: the notice, its id and priority, and where it came from. */
export interface WebhookBody extends OutgoingNotice {
  source: 'haltwatch';
}

/**
 * Haltwatch's own JSON to any URL. The delivery's key goes in `Idempotency-Key`, so a receiver can
 * drop the copy a retry after a crash may send.
 */
export function webhookChannel(config: ChannelOf<'webhook'>, context: ChannelContext): DeliveryChannel {
  return {
    name: config.name,
    send: async (notice, key) => {
      const headers: Record<string, string> = { 'idempotency-key': key };
      if (config.bearer)
        headers.authorization = `Bearer ${requireSecret(context.secrets, config.bearer.secret)}`;
      const body: WebhookBody = { source: 'haltwatch', ...notice };
      return postToProvider({ url: resolveText(config.url, context.secrets), body, headers }, context);
    },
  };
}
