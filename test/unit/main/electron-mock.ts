import { vi } from 'vitest';

interface FakeMenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
}

/** A recording stand-in for the parts of `electron` the main process uses. */
export class FakeTray {
  static instances: FakeTray[] = [];
  image: string;
  tooltip = '';
  title: string | null = null;
  menu: FakeMenuItem[] = [];
  menusBuilt = 0;
  handlers: Record<string, () => void> = {};
  destroyed = false;
  constructor(image: { path: string }) {
    this.image = image.path;
    FakeTray.instances.push(this);
  }
  setImage(image: { path: string }) {
    this.image = image.path;
  }
  setToolTip(text: string) {
    this.tooltip = text;
  }
  setTitle(text: string) {
    this.title = text;
  }
  setContextMenu(menu: { items: FakeMenuItem[] }) {
    this.menu = menu.items;
    this.menusBuilt++;
  }
  on(event: string, handler: () => void) {
    this.handlers[event] = handler;
  }
  destroy() {
    this.destroyed = true;
  }
  item(label: string): FakeMenuItem {
    const found = this.menu.find((i) => i.label === label);
    if (!found)
      throw new Error(`no menu item "${label}" in ${JSON.stringify(this.menu.map((i) => i.label))}`);
    return found;
  }
}

export interface FakeNotificationOptions {
  title: string;
  body: string;
  urgency?: string;
  timeoutType?: string;
  silent?: boolean;
}

export class FakeNotification {
  static shown: FakeNotification[] = [];
  static supported = true;
  static failConstruction = false;
  handlers: Record<string, (...args: unknown[]) => void> = {};
  readonly options: FakeNotificationOptions;
  constructor(options: FakeNotificationOptions) {
    if (FakeNotification.failConstruction) throw new Error('no notification service');
    this.options = options;
  }
  static isSupported() {
    return FakeNotification.supported;
  }
  on(event: string, handler: (...args: unknown[]) => void) {
    this.handlers[event] = handler;
  }
  show() {
    FakeNotification.shown.push(this);
  }
}

export function resetElectronFakes(): void {
  FakeTray.instances = [];
  FakeNotification.shown = [];
  FakeNotification.supported = true;
  FakeNotification.failConstruction = false;
}

/** A stand-in for the OS keychain: reversible, but visibly not plain text. */
export const fakeSafeStorage = {
  isAsyncEncryptionAvailable: async () => true,
  encryptStringAsync: async (text: string) => Buffer.from(`enc:${Buffer.from(text).toString('hex')}`),
  decryptStringAsync: async (blob: Buffer) => ({
    result: Buffer.from(blob.toString().split(':')[1] ?? '', 'hex').toString(),
    shouldReEncrypt: false,
  }),
};

export function electronMock() {
  return {
    safeStorage: fakeSafeStorage,
    Tray: FakeTray,
    Notification: FakeNotification,
    nativeImage: { createFromPath: (path: string) => ({ path }) },
    Menu: { buildFromTemplate: (items: FakeMenuItem[]) => ({ items }) },
    BrowserWindow: vi.fn(),
    shell: { openExternal: vi.fn() },
  };
}
