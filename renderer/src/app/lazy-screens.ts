import { lazy, type ComponentType } from 'react';

/**
 * Every screen but the board loads on first visit: the board's chunk stays free of zod (the forms'
 * client-side validation), the charts and the editors, so it is up fast at start.
 */
export const LAZY_SCREENS = {
  controls: lazy(() => import('../controls/ControlsScreen.tsx').then((m) => ({ default: m.ControlsScreen }))),
  notifications: lazy(() =>
    import('../notifications/NotificationsScreen.tsx').then((m) => ({ default: m.NotificationsScreen })),
  ),
  history: lazy(() => import('../history/HistoryScreen.tsx').then((m) => ({ default: m.HistoryScreen }))),
  thresholds: lazy(() =>
    import('../thresholds/ThresholdsScreen.tsx').then((m) => ({ default: m.ThresholdsScreen })),
  ),
  schedule: lazy(() => import('../schedule/ScheduleScreen.tsx').then((m) => ({ default: m.ScheduleScreen }))),
  services: lazy(() => import('../services/ServicesScreen.tsx').then((m) => ({ default: m.ServicesScreen }))),
  settings: lazy(() => import('../settings/SettingsScreen.tsx').then((m) => ({ default: m.SettingsScreen }))),
} satisfies Record<string, ComponentType>;
