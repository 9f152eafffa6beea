import type { LevelName } from '../../../shared/levels.ts';
import type { EngineStatus } from '../../../shared/status.ts';
import type { Clock } from '../clock.ts';
import type { EventHub } from '../events.ts';
import type { NotificationCenter } from './center.ts';
import type { NotifierPort } from './notice.ts';
import { NotificationPolicy } from './policy.ts';

/** The parts of the Monitor that notifications need. */
export interface NotificationSource {
  events: EventHub;
  clock: Clock;
  settings: {
    get(): { notifications: { levels: readonly LevelName[]; sound: boolean } };
  };
  status(): EngineStatus;
  /** Stores, logs and sends on every notice; shows the ones not snoozed on `local`. */
  notifications: Pick<NotificationCenter, 'publish' | 'attachLocal' | 'observeLevel'>;
  log: (message: string) => void;
}

/**
 * Feeds the engine's `level.changed`, `status`, `schedule.missed` and `checkpoint.failed` events through the
 * notification policy to the notification center, which shows them on `local` (the desktop's
 * notifier) and sends them on the configured channels. The level the engine starts at counts as an
 * arrival from NORMAL, so an app restarted in HALT says so. Returns a function that stops watching.
 */
export function watchNotifications(source: NotificationSource, local: NotifierPort): () => void {
  const center = source.notifications;
  center.attachLocal(local);
  const policy = new NotificationPolicy({
    clock: source.clock,
    send: (notice) => center.publish(notice),
    chosenLevels: () => source.settings.get().notifications.levels,
    log: source.log,
  });
  const observe = (status: EngineStatus) => {
    center.observeLevel(status.level);
    policy.observeState(status);
  };
  const start = source.status();
  observe(start);
  policy.observeLevelChange({ to: start.level, cause: start.cause }, start);
  // Level notices come from the transitions themselves, so each carries its own cause even when
  // several happen between two status events.
  const stopLevel = source.events.on('level.changed', (change) =>
    policy.observeLevelChange(change, source.status()),
  );
  const stopStatus = source.events.on('status', observe);
  const stopMissed = source.events.on('schedule.missed', (miss) => policy.observeMissed(miss));
  const stopFailed = source.events.on('checkpoint.failed', (failure) =>
    policy.observeCheckpointFailed(failure),
  );
  return () => {
    stopLevel();
    stopStatus();
    stopMissed();
    stopFailed();
    policy.dispose();
    center.attachLocal(null);
  };
}
