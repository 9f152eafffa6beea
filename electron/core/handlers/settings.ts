import type { Handlers } from '../../../shared/contract.ts';
import type { Monitor } from '../monitor.ts';
import { replayHistory } from '../replay-history.ts';

type SettingsHandlers = Pick<Handlers, 'settings.get' | 'settings.set' | 'thresholds.replay'>;

const DAY_MS = 86_400_000;

export function settingsHandlers(monitor: Monitor): SettingsHandlers {
  return {
    'settings.get': () => monitor.settings.get(),
    'settings.set': (patch) => {
      const saved = monitor.settings.update(patch);
      if (patch.retention) monitor.store.setRetention(saved.retention);
      if (patch.monitoring) monitor.watch.refresh();
      return saved;
    },
    'thresholds.replay': ({ thresholds, days }) => {
      const to = monitor.clock.now();
      return replayHistory(monitor.store, {
        services: monitor.configuredServices,
        current: monitor.levels.getThresholds(),
        proposed: thresholds,
        from: to - days * DAY_MS,
        to,
      });
    },
  };
}
