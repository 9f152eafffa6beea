import type { CallContext } from '../../shared/contract.ts';
import type { NotificationsPage } from '../../shared/notify-channels.ts';
import type { EngineStatus } from '../../shared/status.ts';
import type { Dispatch } from '../core/dispatcher.ts';
import type { EventHub } from '../core/events.ts';
import { noticeEntries, TRAY_NOTICES_LIMIT, type NoticeMenuEntry } from './tray-notices.ts';

export interface TrayNoticesSource {
  events: Pick<EventHub, 'on'>;
  status(): EngineStatus;
}

/**
 * Keeps the tray's Notices submenu current: reads the notification center through the contract at
 * start, on every status and whenever the center changes. A failed read leaves the last entries.
 */
export function feedTrayNotices(
  source: TrayNoticesSource,
  dispatch: Dispatch,
  context: CallContext,
  show: (entries: NoticeMenuEntry[]) => void,
  log: (message: string) => void,
): () => void {
  let latest = source.status();
  let reading = false;
  let again = false;
  let stopped = false;
  const refresh = async () => {
    if (reading) {
      again = true;
      return;
    }
    reading = true;
    try {
      do {
        again = false;
        const outcome = await dispatch('notifications.list', { limit: TRAY_NOTICES_LIMIT }, context);
        if (stopped) return;
        if (outcome.ok) show(noticeEntries(latest, outcome.result as NotificationsPage));
        else log(`haltwatch: the tray could not read the notices: ${outcome.error.message}`);
      } while (again);
    } finally {
      reading = false;
    }
  };
  const stopStatus = source.events.on('status', (status) => {
    latest = status;
    void refresh();
  });
  const stopChanged = source.events.on('notifications.changed', () => void refresh());
  void refresh();
  return () => {
    stopped = true;
    stopStatus();
    stopChanged();
  };
}
