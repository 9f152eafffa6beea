import { vi } from 'vitest';

/** A recording stand-in for the parts of `electron` the main process uses. */
export class FakeTray {
  static instances: FakeTray[] = [];
  image: string;
  tooltip = '';
  menu: { label?: string; enabled?: boolean; click?: () => void }[] = [];
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
  setContextMenu(menu: { items: FakeTray['menu'] }) {
    this.menu = menu.items;
  }
  on(event: string, handler: () => void) {
    this.handlers[event] = handler;
  }
  destroy() {
    this.destroyed = true;
  }
}

export class FakeNotification {
  static shown: FakeNotification[] = [];
  static supported = true;
  handlers: Record<string, () => void> = {};
  readonly options: { title: string; body: string; urgency?: string };
  constructor(options: { title: string; body: string; urgency?: string }) {
    this.options = options;
  }
  static isSupported() {
    return FakeNotification.supported;
  }
  on(event: string, handler: () => void) {
    this.handlers[event] = handler;
  }
  show() {
    FakeNotification.shown.push(this);
  }
}

export function electronMock() {
  return {
    Tray: FakeTray,
    Notification: FakeNotification,
    nativeImage: { createFromPath: (path: string) => ({ path }) },
    Menu: { buildFromTemplate: (items: FakeTray['menu']) => ({ items }) },
    BrowserWindow: vi.fn(),
    shell: { openExternal: vi.fn() },
  };
}
