import notifier from 'node-notifier';
import type { NodeNotifierLike } from './node-notifier-channel.ts';
import { fanOut } from './fan-out.ts';
import { createNodeNotifierChannel } from './node-notifier-channel.ts';
import { createWebhookChannel } from './webhook-channel.ts';
import { watchNotifications, type NotificationSource } from './watch.ts';

/**
 * Headless mode's notifications: the same policy as the desktop app, shown through node-notifier
 * and POSTed to the webhooks in settings. Returns a function that stops them.
 */
export function startHeadlessNotifications(
  source: NotificationSource,
  system: NodeNotifierLike = notifier,
): () => void {
  const { clock, log } = source;
  const channel = fanOut(
    [
      createNodeNotifierChannel({
        notifier: system,
        clock,
        log,
        sound: () => source.settings.get().notifications.sound,
      }),
      createWebhookChannel({ urls: () => source.settings.get().notifications.webhooks, clock, log }),
    ],
    log,
  );
  return watchNotifications(source, channel);
}
