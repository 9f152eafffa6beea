import type { Handlers } from '../../../shared/contract.ts';
import type { AppSettings } from '../../../shared/settings.ts';
import type { HandlerPorts } from './ports.ts';
import { refuseRemoteSecretChannels } from './channel-secrets.ts';
import { replayHistory } from '../replay-history.ts';

type SettingsHandlers = Pick<Handlers, 'settings.get' | 'settings.set' | 'thresholds.replay'>;

const DAY_MS = 86_400_000;

export function settingsHandlers({
  clock,
  engine,
  store,
  settings,
  config,
  watch,
}: Pick<HandlerPorts, 'clock' | 'engine' | 'store' | 'settings' | 'config' | 'watch'>): SettingsHandlers {
  return {
    'settings.get': () => settings.get(),
    'settings.set': (patch, { actor, commandsAndSecrets }) => {
      const before = settings.get();
      if (patch.notifications)
        refuseRemoteSecretChannels(
          before.notifications.channels,
          patch.notifications.channels,
          commandsAndSecrets,
          'saving the channel',
        );
      const saved = settings.update(patch);
      config.changed();
      if (patch.retention) store.setRetention(saved.retention);
      const changed = changedSettings(before, saved);
      if (changed.length > 0)
        store.appendAudit({
          at: clock.now(),
          kind: 'manual',
          action: 'settings_changed',
          reason: `settings changed: ${changed.join(', ')}`,
          actor,
          details: auditedValues(before, saved, changed),
        });
      if (patch.monitoring) watch.refresh();
      return saved;
    },
    'thresholds.replay': ({ thresholds, days }) => {
      const to = clock.now();
      return replayHistory(store, {
        services: config.configuredServices,
        current: engine.levels.getThresholds(),
        proposed: thresholds,
        from: to - days * DAY_MS,
        to,
      });
    },
  };
}

/** The settings fields that differ, as dotted paths (`api.host`, `notifications.webhooks`). */
export function changedSettings(before: AppSettings, after: AppSettings): string[] {
  const changed: string[] = [];
  for (const key of Object.keys(after) as (keyof AppSettings)[]) {
    const a = before[key];
    const b = after[key];
    if (typeof b === 'object' && b !== null && !Array.isArray(b)) {
      for (const inner of Object.keys(b))
        if (
          JSON.stringify((a as Record<string, unknown>)[inner]) !==
          JSON.stringify((b as Record<string, unknown>)[inner])
        )
          changed.push(`${key}.${inner}`);
    } else if (JSON.stringify(a) !== JSON.stringify(b)) changed.push(key);
  }
  return changed;
}

/**
 * What the audit keeps of a settings change: where the API listens, before and after; of webhooks
 * only how many and their hosts (a webhook URL often carries its own key).
 */
function auditedValues(
  before: AppSettings,
  after: AppSettings,
  changed: string[],
): Record<string, string | number | boolean> {
  const details: Record<string, string | number | boolean> = { changed: changed.join(', ') };
  for (const field of ['host', 'port', 'metricsRequireToken'] as const) {
    if (!changed.includes(`api.${field}`)) continue;
    details[`api.${field}.from`] = before.api[field];
    details[`api.${field}`] = after.api[field];
  }
  if (changed.includes('notifications.webhooks')) {
    details.webhooks = after.notifications.webhooks.length;
    details.webhookHosts = after.notifications.webhooks.map((url) => new URL(url).host).join(', ');
  }
  return details;
}
