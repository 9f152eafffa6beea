import { Menu, Tray, nativeImage } from 'electron';
import type { EngineStatus } from '../../shared/status.ts';
import { trayImagePath, trayTooltip } from './tray-images.ts';

export interface TrayActions {
  runCheck(): void;
  openDashboard(): void;
  quit(): void;
}

/** The tray icon: its image and tooltip follow the level; the menu offers the main actions. */
export class LevelTray {
  private readonly tray: Tray;
  private readonly resourcesDir: string;
  private readonly actions: TrayActions;
  private shownLevel: string | null = null;

  constructor(resourcesDir: string, status: EngineStatus, actions: TrayActions) {
    this.resourcesDir = resourcesDir;
    this.actions = actions;
    this.tray = new Tray(nativeImage.createFromPath(trayImagePath(resourcesDir, status.level)));
    this.tray.on('click', () => actions.openDashboard());
    this.update(status);
  }

  update(status: EngineStatus): void {
    if (status.level !== this.shownLevel) {
      this.tray.setImage(nativeImage.createFromPath(trayImagePath(this.resourcesDir, status.level)));
      this.shownLevel = status.level;
    }
    this.tray.setToolTip(trayTooltip(status));
    this.tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: `Level: ${status.level}`, enabled: false },
        { type: 'separator' },
        {
          label: status.checkRunning ? 'Checking…' : 'Run check now',
          enabled: !status.checkRunning,
          click: () => this.actions.runCheck(),
        },
        { label: 'Open dashboard', click: () => this.actions.openDashboard() },
        { type: 'separator' },
        { label: 'Quit Haltwatch', click: () => this.actions.quit() },
      ]),
    );
  }

  destroy(): void {
    this.tray.destroy();
  }
}
