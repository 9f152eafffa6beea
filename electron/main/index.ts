import { app, dialog, ipcMain, powerMonitor, screen, session, shell } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LocalServer } from '../core/api/local-server.ts';
import { DataFolderInUseError, lockDataFolder, type DataFolderLock } from '../core/data-lock.ts';
import type { Dispatch } from '../core/dispatcher.ts';
import { openHaltwatch, type Haltwatch } from '../core/haltwatch.ts';
import type { DashboardTarget } from '../core/notify/notice.ts';
import { infoNotice } from '../core/notify/notices.ts';
import { watchNotifications } from '../core/notify/watch.ts';
import { APP_ID } from './app-id.ts';
import { fileOnceFlag, keepInTrayOnClose } from './close-to-tray.ts';
import { dialogConfirm } from './confirm-dialog.ts';
import { dashboardUrl } from './dashboard-url.ts';
import { offerRunningEngine } from './folder-in-use.ts';
import { connectToRunningEngine } from './connect-window.ts';
import { systemClock } from '../core/clock.ts';
import { forwardEvents, senderIsAppPage, serveContractOverIpc } from './ipc.ts';
import { applyStartAtLogin, loginExecutable, startedHidden, xdgAutostartDir } from './login-item.ts';
import { NativeNotifier } from './native-notifier.ts';
import { watchPower } from './power.ts';
import { hardenApp } from './security.ts';
import { createTrayActions, TRAY } from './tray-actions.ts';
import { feedTrayNotices } from './tray-notices-feed.ts';
import { LevelTray } from './tray.ts';
import { appPageRequest, MINI_POSITION_FILE, MiniWindow } from './mini-window.ts';
import { createMainWindow } from './window.ts';
import type { BrowserWindow } from 'electron';
import { KEYCHAIN_SECRETS_FILE, SafeStorageSecrets } from './secrets-safe-storage.ts';
import { errorMessage } from '../../shared/errors.ts';

const outDir = path.join(import.meta.dirname, '..');
const resourcesDir = app.isPackaged
  ? path.join(process.resourcesPath, 'resources')
  : path.join(outDir, '..', 'resources');
const appUrl =
  process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(path.join(outDir, 'renderer', 'index.html')).href;

// Before any notification: Windows attributes toasts to this id (the installer's shortcut carries it).
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | null = null;
  let quitting = false;
  let shutdown: (() => void) | null = null;
  let tellKeepsRunning = () => {};
  // Set when this app only shows an engine running in another process (connect-window.ts).
  let showConnected: (() => void) | null = null;
  const dataDir = process.env.HALTWATCH_DATA_DIR ?? app.getPath('userData');

  const openExternal = (url: string) => {
    // Only ever called with http(s) URLs: security.ts checks the scheme first.
    void shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
  };

  const mini = new MiniWindow({
    preload: path.join(outDir, 'preload', 'index.cjs'),
    appUrl,
    icon: path.join(resourcesDir, 'icon.png'),
    positionFile: path.join(dataDir, MINI_POSITION_FILE),
    workAreas: () => screen.getAllDisplays().map((d) => d.workArea),
  });
  const openAppPage = (url: string) => {
    const asked = appPageRequest(url, appUrl);
    if (asked === 'mini') mini.show();
    else if (asked) showWindow(asked);
  };

  const showWindow = (target?: DashboardTarget) => {
    if (!app.isReady()) return;
    if (showConnected) return showConnected();
    if (window && !window.isDestroyed()) {
      if (target) void window.loadURL(dashboardUrl(appUrl, target));
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
      return;
    }
    window = createMainWindow({
      preload: path.join(outDir, 'preload', 'index.cjs'),
      url: dashboardUrl(appUrl, target),
      icon: path.join(resourcesDir, 'icon.png'),
    });
    keepInTrayOnClose(window, {
      isQuitting: () => quitting,
      told: fileOnceFlag(path.join(dataDir, '.told-keeps-running-in-tray')),
      tell: () => tellKeepsRunning(),
    });
  };

  app.on('second-instance', () => showWindow());
  app.on('activate', () => showWindow());
  app.on('window-all-closed', () => {
    // Haltwatch keeps watching from the tray when its window is closed.
  });
  app.on('before-quit', () => {
    quitting = true;
    shutdown?.();
    shutdown = null;
  });

  void app
    .whenReady()
    .then(async () => {
      let lock: DataFolderLock;
      try {
        lock = lockDataFolder(dataDir, 'the Haltwatch app');
      } catch (error) {
        if (!(error instanceof DataFolderInUseError)) throw error;
        const choice = await offerRunningEngine(error, dialog, openExternal);
        if (choice.kind !== 'connect') return app.quit();
        // The window may show the running engine's dashboard page and nothing else.
        hardenApp(app, session.defaultSession, choice.target.url, openExternal);
        const connected = connectToRunningEngine({
          target: choice.target,
          holder: `${error.holder.command}, process ${error.holder.pid}`,
          resourcesDir,
          icon: path.join(resourcesDir, 'icon.png'),
          clock: systemClock,
          dialog,
          isQuitting: () => quitting,
          quit: () => app.quit(),
        });
        showConnected = connected.show;
        shutdown = connected.close;
        return;
      }
      hardenApp(app, session.defaultSession, appUrl, openExternal, openAppPage);
      let engine: Haltwatch;
      try {
        engine = openHaltwatch({ dataDir, vault: await openKeychainVault(dataDir) });
      } catch (error) {
        lock.release();
        throw error;
      }
      const { log, dispatch } = engine;

      const notifier = new NativeNotifier({
        open: (target) => showWindow(target),
        sound: () => engine.settings.get().notifications.sound,
        log,
      });
      tellKeepsRunning = () =>
        notifier.send(
          infoNotice(
            'Haltwatch is still watching',
            'Closing the window keeps Haltwatch in the tray. Quit it from the tray menu.',
          ),
        );

      const syncLoginItem = loginItemSync(() => engine.settings.get().startAtLogin, log);
      const ipcDispatch: Dispatch = async (name, input, context) => {
        const outcome = await dispatch(name, input, context);
        if (name === 'settings.set' && outcome.ok) syncLoginItem();
        return outcome;
      };
      serveContractOverIpc(
        ipcMain,
        ipcDispatch,
        (event) =>
          senderIsAppPage(event, window?.webContents ?? null, appUrl) ||
          senderIsAppPage(event, mini.contents(), appUrl),
      );
      forwardEvents(engine.events, () => (window && !window.isDestroyed() ? window.webContents : null));
      forwardEvents(engine.events, () => mini.contents());

      const tray = new LevelTray(
        resourcesDir,
        engine.status(),
        createTrayActions({
          dispatch,
          confirm: dialogConfirm(dialog),
          openDashboard: (target) => showWindow(target),
          openMini: () => mini.show(),
          quit: () => app.quit(),
          showFailure: (title, message) => dialog.showErrorBox(`Haltwatch: ${title}`, message),
          log,
        }),
      );
      const stopTray = engine.events.on('status', (status) => {
        tray.update(status);
        // A change made over HTTP (a browser on the local server) is picked up at the next status.
        syncLoginItem();
      });
      const stopTrayNotices = feedTrayNotices(engine, dispatch, TRAY, (e) => tray.setNotices(e), log);
      // The notification center (engine.notifications) sends on the channels in settings.
      const stopNotifications = watchNotifications(engine, notifier);
      const stopPower = watchPower(powerMonitor, engine);
      syncLoginItem();

      engine.start();
      if (!startedHidden(process.platform, process.argv, app)) showWindow();

      // The bot API and /metrics, on the port in settings; the app runs on without them if it is taken.
      let server: LocalServer | null = null;
      const publishDashboard = (url: string) => lock.setDashboardUrl(url);
      engine.serve({ publishDashboard }).then(
        (started) => {
          if (quitting) void started.close();
          else server = started;
        },
        (error: unknown) => {
          log(`haltwatch: the bot API did not start: ${errorMessage(error)}`);
          notifier.send(
            infoNotice(
              'Haltwatch: the bot API did not start',
              `${errorMessage(error)}\nYour bot gets no answers from Haltwatch until this is fixed (is another Haltwatch running?).`,
            ),
          );
        },
      );

      shutdown = () => {
        stopPower();
        stopNotifications();
        stopTray();
        stopTrayNotices();
        tray.destroy();
        void server?.close();
        try {
          engine.close();
        } catch (error) {
          log(`haltwatch: closing the engine failed: ${errorMessage(error)}`);
        }
        lock.release();
      };
    })
    .catch((error: unknown) => {
      // Without its engine the app would sit in the tray telling nothing: say why and stop.
      dialog.showErrorBox('Haltwatch could not start', errorMessage(error));
      app.exit(1);
    });
}

/**
 * Keeps the OS login item in step with settings `startAtLogin`: applied at start, after each
 * settings change made in the app window, and otherwise at the next status event. Only the
 * installed app registers itself: a development build would otherwise replace the installed app's
 * entry with the Electron binary.
 */
function loginItemSync(wanted: () => boolean, log: (message: string) => void): () => void {
  let applied: boolean | null = null;
  return () => {
    const enabled = wanted();
    if (enabled === applied || !app.isPackaged) return;
    applied = enabled;
    try {
      applyStartAtLogin(enabled, {
        platform: process.platform,
        app,
        executable: loginExecutable(process.env, process.execPath),
        appArgs: [],
        autostartDir: xdgAutostartDir(process.env, app.getPath('home')),
      });
    } catch (error) {
      log(`haltwatch: could not ${enabled ? 'set up' : 'remove'} start at login: ${errorMessage(error)}`);
    }
  };
}

/** Secrets entered in the app, encrypted by the OS keychain; without a usable store, the headless file. */
async function openKeychainVault(dataDir: string): Promise<SafeStorageSecrets | undefined> {
  try {
    return await SafeStorageSecrets.open(path.join(dataDir, KEYCHAIN_SECRETS_FILE));
  } catch (error) {
    console.error(`haltwatch: the encrypted secrets could not be read: ${errorMessage(error)}`);
    return undefined;
  }
}
