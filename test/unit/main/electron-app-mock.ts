import { EventEmitter } from 'node:events';
import { vi } from 'vitest';
import { electronMock } from './electron-mock.ts';

type Listener = (...args: unknown[]) => void;

/** A BrowserWindow stand-in that records what main does with it. */
export class FakeWindow extends EventEmitter {
  static instances: FakeWindow[] = [];
  readonly options: Record<string, unknown>;
  readonly loaded: string[] = [];
  visible = false;
  destroyed = false;
  position: [number, number] = [0, 0];
  alwaysOnTop: string | null = null;
  title = '';
  readonly webContents = {
    sent: [] as unknown[][],
    send: (...args: unknown[]) => void this.webContents.sent.push(args),
    isDestroyed: () => this.destroyed,
  };
  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    FakeWindow.instances.push(this);
  }
  loadURL(url: string) {
    this.loaded.push(url);
    return Promise.resolve();
  }
  show() {
    this.visible = true;
  }
  hide() {
    this.visible = false;
  }
  focus() {}
  setTitle(title: string) {
    this.title = title;
  }
  restore() {}
  isMinimized() {
    return false;
  }
  isDestroyed() {
    return this.destroyed;
  }
  getPosition(): [number, number] {
    return this.position;
  }
  setAlwaysOnTop(flag: boolean, level = 'floating') {
    this.alwaysOnTop = flag ? level : null;
  }
  /** What the user dragging the window does. */
  moveTo(x: number, y: number) {
    this.position = [x, y];
    this.emit('move');
    this.emit('moved');
  }
  /** What the user closing the window does: 'close' may be prevented. */
  close(): 'kept' | 'closed' {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    return prevented ? 'kept' : 'closed';
  }
}

/** The `app`, `ipcMain`, `powerMonitor`, `session`, `dialog` and `shell` main uses, recording. */
export function fakeElectronApp(userData: string) {
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    isReady: () => true,
    getPath: (name: string) => (name === 'home' ? userData : userData),
    getAppPath: () => userData,
    quit: vi.fn(),
    exit: vi.fn(),
    setAppUserModelId: vi.fn(),
    setLoginItemSettings: vi.fn(),
    getLoginItemSettings: () => ({ openAtLogin: false }),
  });
  const ipcHandlers = new Map<string, Listener>();
  const defaultSession = {
    permissionRequests: null as Listener | null,
    setPermissionRequestHandler(fn: Listener) {
      defaultSession.permissionRequests = fn;
    },
    setPermissionCheckHandler() {},
  };
  return {
    ...electronMock(),
    BrowserWindow: FakeWindow,
    app,
    ipcMain: {
      handle: (channel: string, fn: Listener) => ipcHandlers.set(channel, fn),
      removeHandler: (channel: string) => ipcHandlers.delete(channel),
      handlers: ipcHandlers,
    },
    powerMonitor: new EventEmitter(),
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: { defaultSession },
    dialog: {
      showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
      showErrorBox: vi.fn(),
    },
    shell: { openExternal: vi.fn() },
  };
}
