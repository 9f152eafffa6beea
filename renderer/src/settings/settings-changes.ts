import type { AppSettings } from '../../../shared/settings.ts';
import { changedPaths, type Change } from '../toasts/change-text.ts';

export const RETENTION_FIELDS = [
  ['rawDays', 'Raw results'],
  ['minuteRollupDays', 'Minute rollups, 24 h charts'],
  ['hourRollupDays', 'Hourly rollups, 30 d charts'],
  ['reportsDays', 'Bot reports'],
] as const;

const LABELS: Record<string, string> = {
  theme: 'theme',
  startAtLogin: 'start at login',
  'notifications.levels': 'notify at',
  'notifications.sound': 'sound',
  'notifications.webhooks': 'webhooks',
  ...Object.fromEntries(RETENTION_FIELDS.map(([key, label]) => [`retention.${key}`, `${label} (days)`])),
};

type SettingsDraft = Pick<AppSettings, 'notifications' | 'theme' | 'startAtLogin' | 'retention'>;

/** What the settings form changed, in its own words ("theme light → dark"). */
export function settingsChanges(before: SettingsDraft, after: SettingsDraft): Change[] {
  return changedPaths(before, after).map((c) => ({ ...c, label: LABELS[c.label] ?? c.label }));
}
