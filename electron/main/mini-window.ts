import type { BrowserWindow, WebContents } from 'electron';
import fs from 'node:fs';
import type { DashboardTarget } from '../core/notify/notice.ts';
import { dashboardUrl, isAppPage } from './dashboard-url.ts';
import { createMainWindow } from './window.ts';

/** The mini view's route in the dashboard page. */
export const MINI_TARGET: DashboardTarget = '#/mini';
export const MINI_SIZE = { width: 260, height: 90 } as const;
/** Where the mini window was last left, in the data folder. */
export const MINI_POSITION_FILE = 'mini-window.json';

export interface Position {
  x: number;
  y: number;
}

/** A display's work area (screen.getAllDisplays()[i].workArea). */
export interface Area extends Position {
  width: number;
  height: number;
}

/** The position saved last time, or null when there is none or it is not two whole numbers. */
export function readPosition(file: string): Position | null {
  try {
    const value: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const { x, y } = value as Record<string, unknown>;
    return Number.isSafeInteger(x) && Number.isSafeInteger(y) ? { x: x as number, y: y as number } : null;
  } catch {
    return null;
  }
}

/** Remembers the position; an unwritable data folder only costs the place next time. */
export function writePosition(file: string, position: Position): void {
  try {
    fs.writeFileSync(file, JSON.stringify(position));
  } catch {
    // The window opens at the default place next time, which does no harm.
  }
}

/**
 * The saved position when the whole window lies on a display now; null otherwise (a monitor that
 * was unplugged would leave an always-on-top window where nobody can see or reach it).
 */
export function onScreen(position: Position | null, areas: readonly Area[]): Position | null {
  if (!position) return null;
  const fits = areas.some(
    (a) =>
      position.x >= a.x &&
      position.y >= a.y &&
      position.x + MINI_SIZE.width <= a.x + a.width &&
      position.y + MINI_SIZE.height <= a.y + a.height,
  );
  return fits ? position : null;
}

/** What a request of the page to open our own page asks for: the mini view, or a screen of the dashboard. */
export function appPageRequest(url: string, appUrl: string): 'mini' | DashboardTarget | null {
  if (!isAppPage(url, appUrl)) return null;
  const hash = new URL(url).hash;
  if (hash === MINI_TARGET) return 'mini';
  return /^#\/[a-z]+$/.test(hash) ? (hash as DashboardTarget) : '#/board';
}

export interface MiniWindowOptions {
  preload: string;
  /** The dashboard page; the mini window shows its `#/mini` route. */
  appUrl: string;
  icon?: string;
  /** The file keeping the position (MINI_POSITION_FILE in the data folder). */
  positionFile: string;
  /** The displays' work areas now, to check a saved position against. */
  workAreas: () => readonly Area[];
  /** Opens the window through `createMainWindow`'s locked-down settings (replaced in tests). */
  create?: typeof createMainWindow;
}

/**
 * The compact always-on-top window: the level and the worst service, about 260×90, frameless
 * (the page has a grip to drag it by and a close button), out of the task bar. It opens where it
 * was left; clicking it asks the page for the dashboard, which main answers with the main window.
 */
export class MiniWindow {
  private window: BrowserWindow | null = null;
  private readonly options: MiniWindowOptions;

  constructor(options: MiniWindowOptions) {
    this.options = options;
  }

  show(): void {
    const open = this.window;
    if (open && !open.isDestroyed()) {
      open.show();
      return;
    }
    const { options } = this;
    const at = onScreen(readPosition(options.positionFile), options.workAreas());
    const window = (options.create ?? createMainWindow)({
      preload: options.preload,
      url: dashboardUrl(options.appUrl, MINI_TARGET),
      icon: options.icon,
      shape: {
        ...MINI_SIZE,
        ...(at ?? {}),
        minWidth: MINI_SIZE.width,
        minHeight: MINI_SIZE.height,
        title: 'Haltwatch mini view',
        frame: false,
        resizable: false,
        minimizable: false,
        maximizable: false,
        fullscreenable: false,
        skipTaskbar: true,
        alwaysOnTop: true,
      },
    });
    // Above full-screen apps too (macOS), where a trading platform often runs.
    window.setAlwaysOnTop(true, 'floating');
    const remember = () => {
      if (window.isDestroyed()) return;
      const [x, y] = window.getPosition();
      if (x !== undefined && y !== undefined) writePosition(options.positionFile, { x, y });
    };
    // 'moved' ends a drag on macOS and Windows; Linux has only 'move', and closing saves there.
    window.on('moved', remember);
    window.on('close', remember);
    window.on('closed', () => {
      if (this.window === window) this.window = null;
    });
    this.window = window;
  }

  /** The page's web contents, for the IPC sender check and events; null while closed. */
  contents(): WebContents | null {
    const window = this.window;
    return window && !window.isDestroyed() ? window.webContents : null;
  }
}
