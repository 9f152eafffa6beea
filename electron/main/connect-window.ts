import type { BrowserWindow, Dialog } from 'electron';
import type { Clock } from '../core/clock.ts';
import { ConnectedTray } from './connect-tray.ts';
import { watchRemoteStatus, type RemoteView } from './remote-status.ts';
import { createMainWindow } from './window.ts';

/** The running engine's dashboard as the lock file names it, checked to be on this machine. */
export interface ConnectTarget {
  /** The dashboard with its operator token: what the window loads. */
  url: string;
  /** http://127.0.0.1:port: the only origin the window may show. */
  origin: string;
  token: string;
  /** "127.0.0.1:port", for messages. */
  where: string;
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]']);

/**
 * The lock file's dashboard URL when the window may load it: plain http on a loopback address with
 * a port, the dashboard page at `/`, with a token. The lock file is only a file in the data folder:
 * anything else (another host, https to a name, a path elsewhere) is not connected to.
 */
export function connectTarget(dashboardUrl: string | undefined): ConnectTarget | null {
  if (!dashboardUrl) return null;
  let url: URL;
  try {
    url = new URL(dashboardUrl);
  } catch {
    return null;
  }
  const token = url.searchParams.get('token');
  if (url.protocol !== 'http:' || !LOOPBACK.has(url.hostname) || !url.port) return null;
  if (url.pathname !== '/' || !token || url.username || url.password) return null;
  return { url: url.href, origin: url.origin, token, where: url.host };
}

export interface ConnectDeps {
  target: ConnectTarget;
  /** Who holds the data folder, e.g. "haltwatch serve, process 4242". */
  holder: string;
  resourcesDir: string;
  icon?: string;
  clock: Clock;
  fetch?: typeof fetch;
  dialog: Pick<Dialog, 'showMessageBox'>;
  isQuitting(): boolean;
  quit(): void;
}

const title = (view: RemoteView, deps: ConnectDeps) =>
  view.reachable
    ? `Haltwatch — connected to ${deps.holder} at ${deps.target.where}`
    : `Haltwatch — NOT CONNECTED: the engine at ${deps.target.where} does not answer`;

/**
 * The desktop app as a window on an engine running in another process: the window shows that
 * engine's dashboard over HTTP (no preload, no IPC: the page talks to the engine with its token),
 * the tray shows the level that engine reports. No engine starts here and nothing is written to
 * the data folder. When the engine stops answering, the tray says "unknown" (HALT's image), the
 * window's title says so and a message box tells once; when it answers again the page reloads.
 * Returns what shows the window again and what closes it all.
 */
export function connectToRunningEngine(deps: ConnectDeps): { show(): void; close(): void } {
  let window: BrowserWindow | null = null;
  let view: RemoteView = { reachable: false, why: 'not asked yet' };
  let everReached = false;
  const show = () => {
    if (window && !window.isDestroyed()) {
      window.show();
      window.focus();
      return;
    }
    const opened = createMainWindow({ url: deps.target.url, icon: deps.icon });
    // The page's own title would hide whether it is connected.
    opened.on('page-title-updated', (event) => {
      event.preventDefault();
      opened.setTitle(title(view, deps));
    });
    opened.on('close', (event) => {
      if (deps.isQuitting()) return;
      event.preventDefault();
      opened.hide();
    });
    window = opened;
  };
  const tray = new ConnectedTray(deps.resourcesDir, deps.target.where, {
    openDashboard: show,
    quit: deps.quit,
  });
  const onView = (next: RemoteView) => {
    const was = view;
    view = next;
    tray.update(next);
    if (was.reachable === next.reachable) return;
    if (window && !window.isDestroyed()) window.setTitle(title(next, deps));
    if (next.reachable && everReached && window && !window.isDestroyed())
      void window.loadURL(deps.target.url);
    if (!next.reachable && everReached)
      void deps.dialog.showMessageBox({
        type: 'warning',
        title: 'The Haltwatch engine does not answer',
        message: `The engine at ${deps.target.where} (${deps.holder}) stopped answering: ${next.why}.`,
        detail:
          'What the window shows is no longer current, and the tray shows the level as unknown. Treat trading as halted until it answers again; the window reconnects by itself.',
        buttons: ['OK'],
        noLink: true,
      });
    if (next.reachable) everReached = true;
  };
  const stopWatching = watchRemoteStatus(deps.target.origin, deps.target.token, {
    clock: deps.clock,
    fetch: deps.fetch,
    onView,
  });
  show();
  return {
    show,
    close: () => {
      stopWatching();
      tray.destroy();
    },
  };
}
