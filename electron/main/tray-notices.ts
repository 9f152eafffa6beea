import type { MenuItemConstructorOptions } from 'electron';
import { formatClock } from '../../shared/format.ts';
import type { NotificationsPage, SnoozeDuration } from '../../shared/notify-channels.ts';
import type { EngineStatus } from '../../shared/status.ts';

/** One line of the tray's Notices submenu: a service in trouble or with notices, or the level's notices. */
export interface NoticeMenuEntry {
  /** null: notices of no one service (the level's). */
  service: string | null;
  /** The newest notice not yet acknowledged, for Acknowledge. */
  notice: { id: number; title: string } | null;
  snoozedUntil: number | null;
  /** A breaker not closed, or failed checks in a row. */
  problem: string | null;
}

export interface NoticeMenuActions {
  acknowledgeNotice(id: number, title: string): void;
  snoozeService(service: string, duration: SnoozeDuration): void;
}

/** How many notices the tray reads to find the unacknowledged ones. */
export const TRAY_NOTICES_LIMIT = 50;
const MAX_ENTRIES = 10;

export const NOTICE_MENU = {
  title: 'Notices',
  none: 'No open problems or notices',
  snooze: { '1h': 'Snooze 1 h', '4h': 'Snooze 4 h', session: 'Snooze until the next session' },
} as const;

function problemOf(service: EngineStatus['services'][number]): string | null {
  if (service.breaker.state !== 'CLOSED') return `breaker ${service.breaker.state}`;
  if (service.failures > 0) return `${service.failures} failed checks`;
  return null;
}

/**
 * The entries of the Notices submenu: services with an open problem, with a notice not yet
 * acknowledged, or snoozed, worst first; then the level's own unacknowledged notice.
 */
export function noticeEntries(status: EngineStatus, page: NotificationsPage): NoticeMenuEntry[] {
  const entries = new Map<string | null, NoticeMenuEntry>();
  const entry = (service: string | null) => {
    let found = entries.get(service);
    if (!found) {
      found = { service, notice: null, snoozedUntil: null, problem: null };
      entries.set(service, found);
    }
    return found;
  };
  for (const service of status.services) {
    const problem = problemOf(service);
    if (problem) entry(service.name).problem = problem;
  }
  // Newest first: the first unacknowledged notice of a service is its newest.
  for (const notice of page.notices) {
    if (notice.acknowledged || notice.kind === 'test') continue;
    const found = entry(notice.service);
    found.notice ??= { id: notice.id, title: notice.title };
  }
  for (const snooze of page.snoozes) entry(snooze.service).snoozedUntil = snooze.until;
  const rank = (e: NoticeMenuEntry) => (e.service === null ? 3 : e.problem ? 0 : e.notice ? 1 : 2);
  return [...entries.values()].sort((a, b) => rank(a) - rank(b)).slice(0, MAX_ENTRIES);
}

function entryLabel(entry: NoticeMenuEntry, now: number): string {
  const parts = [entry.service ?? 'Level notices'];
  if (entry.problem) parts.push(`— ${entry.problem}`);
  if (entry.snoozedUntil !== null) parts.push(`(snoozed until ${formatClock(entry.snoozedUntil, now)})`);
  return parts.join(' ');
}

/** The Notices submenu: per entry, Acknowledge its newest notice and, for a service, Snooze. */
export function noticesSubmenu(
  entries: readonly NoticeMenuEntry[],
  actions: NoticeMenuActions,
  now: number,
): MenuItemConstructorOptions {
  if (entries.length === 0)
    return { label: NOTICE_MENU.title, submenu: [{ label: NOTICE_MENU.none, enabled: false }] };
  return {
    label: NOTICE_MENU.title,
    submenu: entries.map((entry) => {
      const { notice, service } = entry;
      const items: MenuItemConstructorOptions[] = [
        notice
          ? {
              label: `Acknowledge “${notice.title}”`,
              click: () => actions.acknowledgeNotice(notice.id, notice.title),
            }
          : { label: 'Acknowledge (no notice waiting)', enabled: false },
      ];
      if (service !== null)
        items.push(
          { type: 'separator' },
          ...(['1h', '4h', 'session'] as const).map((duration) => ({
            label: NOTICE_MENU.snooze[duration],
            click: () => actions.snoozeService(service, duration),
          })),
        );
      return { label: entryLabel(entry, now), submenu: items };
    }),
  };
}
