import { app, ipcMain } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createDispatcher } from '../core/dispatcher.ts';
import { Monitor } from '../core/monitor.ts';
import { forwardEvents, senderIsAppPage, serveContractOverIpc } from './ipc.ts';
import { LevelNotifications } from './level-notifications.ts';
import { LevelTray } from './tray.ts';
import { createMainWindow } from './window.ts';
import type { BrowserWindow } from 'electron';

const outDir = path.join(import.meta.dirname, '..');
const resourcesDir = app.isPackaged
  ? path.join(process.resourcesPath, 'resources')
  : path.join(outDir, '..', 'resources');
const appUrl =
  process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(path.join(outDir, 'renderer', 'index.html')).href;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let monitor: Monitor | null = null;

  const openDashboard = () => {
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      return;
    }
    window = createMainWindow({
      preload: path.join(outDir, 'preload', 'index.cjs'),
      url: appUrl,
      icon: path.join(resourcesDir, 'icon.png'),
    });
  };

  app.on('second-instance', openDashboard);
  app.on('window-all-closed', () => {
    // Haltwatch keeps watching from the tray when its window is closed.
  });
  app.on('before-quit', () => monitor?.close());

  void app.whenReady().then(() => {
    const engine = new Monitor({ dataDir: process.env.HALTWATCH_DATA_DIR ?? app.getPath('userData') });
    monitor = engine;
    const dispatch = createDispatcher(engine.handlers);
    serveContractOverIpc(ipcMain, dispatch, (event) =>
      senderIsAppPage(event, window?.webContents ?? null, appUrl),
    );
    forwardEvents(engine.events, () => (window && !window.isDestroyed() ? window.webContents : null));
    const initial = engine.status();
    const tray = new LevelTray(resourcesDir, initial, {
      runCheck: () => void engine.runCheck({ reason: 'manual' }),
      openDashboard,
      quit: () => app.quit(),
    });
    const notifications = new LevelNotifications(
      initial.level,
      () => engine.settings.get().notifications.levels,
      openDashboard,
    );
    engine.events.on('status', (status) => {
      tray.update(status);
      notifications.observe(status);
    });
    engine.start();
    openDashboard();
  });
}
