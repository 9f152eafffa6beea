import { Notification } from 'electron';
import { levelRank, type LevelName } from '../../shared/levels.ts';
import { formatCause, LEVEL_MEANING } from '../../shared/format.ts';
import type { EngineStatus } from '../../shared/status.ts';

const ALWAYS: readonly LevelName[] = ['HALT', 'SHUTDOWN'];

/**
 * A native notification when the level rises to one the user wants to hear about; HALT and
 * SHUTDOWN always notify. Notifications are kept referenced until closed, or they vanish unclicked.
 */
export class LevelNotifications {
  private lastLevel: LevelName;
  private readonly live = new Set<Notification>();
  private readonly levels: () => readonly LevelName[];
  private readonly onClick: () => void;

  constructor(initial: LevelName, levels: () => readonly LevelName[], onClick: () => void) {
    this.lastLevel = initial;
    this.levels = levels;
    this.onClick = onClick;
  }

  observe(status: EngineStatus): void {
    const previous = this.lastLevel;
    this.lastLevel = status.level;
    if (levelRank(status.level) <= levelRank(previous)) return;
    if (!ALWAYS.includes(status.level) && !this.levels().includes(status.level)) return;
    if (!Notification.isSupported()) return;
    const cause = formatCause(status.cause);
    const notification = new Notification({
      title: `Haltwatch: ${status.level}`,
      body: `${LEVEL_MEANING[status.level]}${cause ? `\n${cause}` : ''}`,
      urgency: ALWAYS.includes(status.level) ? 'critical' : 'normal',
    });
    this.live.add(notification);
    const forget = () => this.live.delete(notification);
    notification.on('click', () => {
      forget();
      this.onClick();
    });
    notification.on('close', forget);
    notification.show();
  }

  get pending(): number {
    return this.live.size;
  }
}
