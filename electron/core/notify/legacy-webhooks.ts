import type { ChannelConfig } from '../../../shared/notify-channels.ts';
import type { NotificationSettings } from '../../../shared/settings.ts';

/** The generic webhooks of `notifications.webhooks` (a plain URL list) carry every notice. */
export function legacyWebhooks(settings: NotificationSettings): ChannelConfig[] {
  return settings.webhooks.map((url, i) => ({
    kind: 'webhook',
    name: `webhooks[${i}]`,
    url,
    enabled: true,
    minPriority: 'INFO',
  }));
}
