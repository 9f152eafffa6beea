import type { Handlers } from '../../../shared/contract.ts';
import type { HandlerPorts } from './ports.ts';
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
export function notificationsHandlers({
  notifications: center,
  settings,
}: Pick<HandlerPorts, 'notifications' | 'settings'>): NotificationsHandlers {
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
      const saved = settings.get().notifications.channels;
      refuseRemoteSecretChannels(saved, [channel], commandsAndSecrets, 'testing the channel');
      return center.test(channel);
    },
  };
}
