import { Notification } from 'electron';
import type { DashboardTarget, Notice, NotifierPort } from '../core/notify/notice.ts';
import { errorMessage } from '../../shared/errors.ts';

export interface NativeNotifierOptions {
  /** Opens the dashboard on the notice's screen. */
  open: (target: DashboardTarget) => void;
  /** Whether notifications play the system sound (settings `notifications.sound`). */
  sound: () => boolean;
  log: (message: string) => void;
}

/**
 * Electron's native notifications. Each one stays referenced until it is clicked, closed or fails:
 * a Notification that is garbage-collected loses its click handler. Critical notices never expire
 * on their own where the platform allows it.
 */
export class NativeNotifier implements NotifierPort {
  private readonly live = new Set<Notification>();
  private readonly options: NativeNotifierOptions;

  constructor(options: NativeNotifierOptions) {
    this.options = options;
  }

  send(notice: Notice): void {
    try {
      if (!Notification.isSupported()) {
        this.options.log(`haltwatch: notifications are not supported here: ${notice.title}`);
        return;
      }
      const critical = notice.urgency === 'critical';
      const notification = new Notification({
        title: notice.title,
        body: notice.body,
        urgency: notice.urgency,
        timeoutType: critical ? 'never' : 'default',
        silent: !this.options.sound(),
      });
      this.live.add(notification);
      const forget = () => this.live.delete(notification);
      notification.on('click', () => {
        forget();
        this.options.open(notice.target);
      });
      notification.on('close', forget);
      notification.on('failed', (_event, error) => {
        forget();
        this.options.log(`haltwatch: notification "${notice.title}" failed: ${error}`);
      });
      notification.show();
    } catch (error) {
      this.options.log(`haltwatch: notification "${notice.title}" not shown: ${errorMessage(error)}`);
    }
  }

  /** Notifications shown and not yet clicked or closed. */
  get pending(): number {
    return this.live.size;
  }
}
