import type { LevelName } from '../../../shared/levels.ts';
import type { EngineStatus } from '../../../shared/status.ts';
import type { Clock } from '../clock.ts';
import type { EventHub } from '../events.ts';
import type { NotifierPort } from './notice.ts';
import { NotificationPolicy } from './policy.ts';

/** The parts of the Monitor that notifications need. */
export interface NotificationSource {
  events: EventHub;
  clock: Clock;
  settings: {
    get(): { notifications: { levels: readonly LevelName[]; sound: boolean; webhooks: readonly string[] } };
  };
  status(): EngineStatus;
  log: (message: string) => void;
}

/**
 * Feeds the engine's `status`, `schedule.missed` and `checkpoint.failed` events through the notification policy to one
 * channel. The level the engine starts at counts as an arrival from NORMAL, so an app restarted in
 * HALT says so. Returns a function that stops watching.
 */
export function watchNotifications(source: NotificationSource, channel: NotifierPort): () => void {
  const policy = new NotificationPolicy({
    clock: source.clock,
    send: (notice) => channel.send(notice),
    chosenLevels: () => source.settings.get().notifications.levels,
    log: source.log,
  });
  policy.observeStatus(source.status());
  const stopStatus = source.events.on('status', (status) => policy.observeStatus(status));
  const stopMissed = source.events.on('schedule.missed', (miss) => policy.observeMissed(miss));
  const stopFailed = source.events.on('checkpoint.failed', (failure) =>
    policy.observeCheckpointFailed(failure),
  );
  return () => {
    stopStatus();
    stopMissed();
    stopFailed();
    policy.dispose();
  };
}
