import { BrowserWindow, type BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptions {
  /** The contract bridge; absent for a window on another process's engine, which talks HTTP. */
  preload?: string;
  /** The dashboard: a file:// URL of out/renderer/index.html, or the dev server's URL. */
  url: string;
  icon?: string;
  /** Size, frame and placement other than the dashboard's (the mini view's); never its web preferences. */
  shape?: Omit<BrowserWindowConstructorOptions, 'webPreferences' | 'show'>;
}

/**
 * The dashboard window, locked down per Electron's security checklist: isolated, sandboxed, no
 * Node in the page. Navigation, new windows and permissions are handled app-wide in security.ts.
 */
export function createMainWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1180,
    height: 780,
    // The dashboard's layout holds down to 800×600 (the sidebar keeps its icons only).
    minWidth: 800,
    minHeight: 600,
    show: false,
    title: 'Haltwatch',
    icon: options.icon,
    ...options.shape,
    webPreferences: {
      // The preload is the contract bridge: invoke(name, input) and on(event), allow-listed by name.
      preload: options.preload /* eng-disable PRELOAD_JS_CHECK */,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Middle-click would otherwise ask for a new window outside the open handler's view.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(options.url);
  return window;
}
