import { Menu, Tray, nativeImage, type MenuItemConstructorOptions } from 'electron';
import { formatSignalCause } from '../../shared/cause-text.ts';
import { LEVEL_GLYPH, LEVEL_MEANING } from '../../shared/format.ts';
import { trayImagePath } from './tray-images.ts';
import type { RemoteView } from './remote-status.ts';

export const CONNECTED_MENU = {
  openDashboard: 'Open dashboard',
  quit: 'Quit (the engine keeps running)',
} as const;

/** An engine that does not answer is shown as HALT: the trader must not read it as trading allowed. */
const UNKNOWN_IMAGE_LEVEL = 'HALT';

export function connectedLines(view: RemoteView, where: string): string[] {
  if (!view.reachable)
    return [
      `? Level unknown: the engine at ${where} does not answer (${view.why})`,
      'Treat trading as halted until it answers again.',
    ];
  const cause = formatSignalCause(view.cause, 'level');
  return [
    `${LEVEL_GLYPH[view.level]} ${view.level}: ${LEVEL_MEANING[view.level]}`,
    ...(cause ? [`Cause: ${cause}`] : []),
    ...(view.overriddenBy ? [`Trading disabled by ${view.overriddenBy}`] : []),
    `Shown from the engine at ${where}`,
  ];
}

/**
 * The tray of a window connected to an engine in another process (a `haltwatch serve`): the level
 * that engine reports, or "unknown" with the HALT image when it does not answer. The level actions
 * are in the connected dashboard.
 */
export class ConnectedTray {
  private readonly tray: Tray;
  private readonly resourcesDir: string;
  private readonly where: string;
  private readonly actions: { openDashboard(): void; quit(): void };
  private readonly platform: NodeJS.Platform;
  private shown = '';

  constructor(
    resourcesDir: string,
    where: string,
    actions: { openDashboard(): void; quit(): void },
    platform: NodeJS.Platform = process.platform,
  ) {
    this.resourcesDir = resourcesDir;
    this.where = where;
    this.actions = actions;
    this.platform = platform;
    const first: RemoteView = { reachable: false, why: 'not asked yet' };
    this.tray = new Tray(this.image(first));
    if (platform !== 'darwin') this.tray.on('click', () => actions.openDashboard());
    this.update(first);
  }

  update(view: RemoteView): void {
    const lines = connectedLines(view, this.where);
    const key = JSON.stringify(lines);
    if (key === this.shown) return;
    this.shown = key;
    this.tray.setImage(this.image(view));
    if (this.platform === 'darwin') this.tray.setTitle(view.reachable ? view.level : '?');
    this.tray.setToolTip(`Haltwatch — ${lines.join('\n')}`);
    const menu: MenuItemConstructorOptions[] = [
      ...lines.map((label) => ({ label, enabled: false })),
      { type: 'separator' },
      { label: CONNECTED_MENU.openDashboard, click: () => this.actions.openDashboard() },
      { type: 'separator' },
      { label: CONNECTED_MENU.quit, click: () => this.actions.quit() },
    ];
    this.tray.setContextMenu(Menu.buildFromTemplate(menu));
  }

  destroy(): void {
    this.tray.destroy();
  }

  private image(view: RemoteView) {
    const level = view.reachable ? view.level : UNKNOWN_IMAGE_LEVEL;
    return nativeImage.createFromPath(trayImagePath(this.resourcesDir, level, this.platform));
  }
}
