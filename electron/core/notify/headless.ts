import notifier from 'node-notifier';
import type { NodeNotifierLike } from './node-notifier-channel.ts';
import { createNodeNotifierChannel } from './node-notifier-channel.ts';
import { watchNotifications, type NotificationSource } from './watch.ts';

/**
 * Headless mode's notifications: the same policy as the desktop app, shown through node-notifier.
 * Returns a function that stops them.
 */
export function startHeadlessNotifications(
  source: NotificationSource,
  system: NodeNotifierLike = notifier,
): () => void {
  const channel = createNodeNotifierChannel({ notifier: system, clock: source.clock, log: source.log });
  return watchNotifications(source, channel);
}
