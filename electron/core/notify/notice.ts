/**
 * What Haltwatch tells the trader outside the dashboard, and the port every channel implements
 * (Electron's Notification in the desktop app, node-notifier headless, webhooks).
 */
export const NOTICE_KINDS = [
  'level',
  'flapping',
  'confirm_halt',
  'missed_check',
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
  target: DashboardTarget;
}

export interface NotifierPort {
  /** Shows the notice. Never throws and never blocks the caller on the notification system. */
  send(notice: Notice): void;
}
