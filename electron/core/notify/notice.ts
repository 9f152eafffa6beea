import type { Priority } from '../../../shared/notify-channels.ts';

/**
 * What Haltwatch tells the trader outside the dashboard, and the port every channel implements
 * (Electron's Notification in the desktop app, node-notifier headless, webhooks).
 */
export const NOTICE_KINDS = [
  'level',
  'flapping',
  'confirm_halt',
  'missed_check',
  'config_problem',
  'history_saved',
  'checkpoint_failed',
  'critical_breakers_open',
  'info',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export type NoticeUrgency = 'normal' | 'critical';

/** A dashboard screen as its URL hash (`#/board`); clicking a notice opens the dashboard there. */
export type DashboardTarget = `#/${string}`;

export interface Notice {
  kind: NoticeKind;
  title: string;
  body: string;
  urgency: NoticeUrgency;
  /** INFO, WARNING, CRITICAL or EMERGENCY: which channels carry it (each has a minimum). */
  priority: Priority;
  /** The service the notice is about, when one is (its snooze silences it). */
  service?: string;
  target: DashboardTarget;
}

export interface NotifierPort {
  /** Shows the notice. Never throws and never blocks the caller on the notification system. */
  send(notice: Notice): void;
}
