import { Menu, Tray, nativeImage } from 'electron';
import { confirmVerdict } from '../../shared/confirm-rule.ts';
import type { EngineStatus } from '../../shared/status.ts';
import { trayImagePath, trayTooltip } from './tray-images.ts';
import { trayMenuTemplate, type TrayMenuActions } from './tray-menu.ts';
import type { NoticeMenuEntry } from './tray-notices.ts';

/** Everything the tooltip and the menu show. */
function menuKey(status: EngineStatus, notices: readonly NoticeMenuEntry[]): string {
  const { level, cause, override, awaitingConfirmation, checkRunning } = status;
  return JSON.stringify([
    level,
    cause,
    override?.enabled ? override.actor : null,
    awaitingConfirmation || confirmVerdict(status.confirm, Date.now()).ok,
    checkRunning,
    notices,
  ]);
}

/**
 * The tray icon: image (a glyph per level), tooltip and, on macOS, the title follow the level; the
 * context menu is rebuilt for every status so its items match what is possible now.
 */
export class LevelTray {
  private readonly tray: Tray;
  private readonly resourcesDir: string;
  private readonly platform: NodeJS.Platform;
  private readonly actions: TrayMenuActions;
  private shownLevel: string | null = null;
  private shownMenu: string | null = null;
  private status: EngineStatus;
  private notices: readonly NoticeMenuEntry[] = [];

  constructor(
    resourcesDir: string,
    status: EngineStatus,
    actions: TrayMenuActions,
    platform: NodeJS.Platform = process.platform,
  ) {
    this.resourcesDir = resourcesDir;
    this.platform = platform;
    this.actions = actions;
    this.status = status;
    this.tray = new Tray(this.image(status));
    // Windows and Linux open the menu on right click; a left click opens the dashboard.
    if (platform !== 'darwin') this.tray.on('click', () => actions.openDashboard());
    this.update(status);
  }

  update(status: EngineStatus): void {
    this.status = status;
    if (status.level !== this.shownLevel) {
      this.tray.setImage(this.image(status));
      if (this.platform === 'darwin') this.tray.setTitle(status.level);
      this.shownLevel = status.level;
    }
    // Rebuilding a menu that is open makes it flicker or close on Linux: only when something shown changed.
    const shown = menuKey(status, this.notices);
    if (shown === this.shownMenu) return;
    this.shownMenu = shown;
    this.tray.setToolTip(trayTooltip(status));
    this.tray.setContextMenu(
      Menu.buildFromTemplate(trayMenuTemplate(status, this.actions, Date.now(), this.notices)),
    );
  }

  /** The Notices submenu's entries (read from the notification center as it changes). */
  setNotices(notices: readonly NoticeMenuEntry[]): void {
    this.notices = notices;
    this.update(this.status);
  }

  destroy(): void {
    this.tray.destroy();
  }

  private image(status: EngineStatus) {
    return nativeImage.createFromPath(trayImagePath(this.resourcesDir, status.level, this.platform));
  }
}
