import notifier from 'node-notifier';
import type { NodeNotifierLike } from './node-notifier-channel.ts';
import { createNodeNotifierChannel } from './node-notifier-channel.ts';
import { watchNotifications, type NotificationSource } from './watch.ts';

/**
 * Headless mode's notifications: the same policy as the desktop app, shown through node-notifier;
 * the notification center sends them on the channels in settings. Returns a function that stops them.
 */
export function startHeadlessNotifications(
  source: NotificationSource,
  system: NodeNotifierLike = notifier,
): () => void {
  const { clock, log } = source;
  const channel = createNodeNotifierChannel({
    notifier: system,
    clock,
    log,
    sound: () => source.settings.get().notifications.sound,
  });
  return watchNotifications(source, channel);
}
