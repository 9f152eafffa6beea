import type { Handlers } from '../../../shared/contract.ts';
import type { NotificationCenter } from '../notify/center.ts';
import type { SettingsStore } from '../config/settings.ts';
import { refuseRemoteSecretChannels } from './channel-secrets.ts';

type NotificationsHandlers = Pick<
  Handlers,
  | 'notifications.list'
  | 'notifications.markRead'
  | 'notifications.acknowledge'
  | 'notifications.snooze'
  | 'notifications.unsnooze'
  | 'notifications.test'
>;

/** The notification center's methods; acknowledging and snoozing are audited with the caller. */
export function notificationsHandlers(monitor: {
  notifications: NotificationCenter;
  settings: SettingsStore;
}): NotificationsHandlers {
  const center = monitor.notifications;
  return {
    'notifications.list': ({ since, limit }) => center.list(since, limit),
    'notifications.markRead': ({ upTo }) => center.markRead(upTo),
    'notifications.acknowledge': ({ id, reason }, { actor }) => center.acknowledge(id, actor, reason),
    'notifications.snooze': ({ service, duration, reason }, { actor }) =>
      center.snooze(service, duration, actor, reason),
    'notifications.unsnooze': ({ service, reason }, { actor }) => {
      center.unsnooze(service, actor, reason);
      return { service };
    },
    'notifications.test': ({ channel }, { commandsAndSecrets }) => {
      const saved = monitor.settings.get().notifications.channels;
      refuseRemoteSecretChannels(saved, [channel], commandsAndSecrets, 'testing the channel');
      return center.test(channel);
    },
  };
}
