import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeElectronApp, FakeWindow } from './electron-app-mock.ts';

vi.mock('electron', () => fakeElectronApp(os.tmpdir()));
const { appPageRequest, MINI_POSITION_FILE, MiniWindow, onScreen, readPosition } =
  await import('../../../electron/main/mini-window.ts');

const APP_URL = 'file:///opt/haltwatch/out/renderer/index.html';
const SCREEN = { x: 0, y: 0, width: 1920, height: 1080 };
let dir: string;
let file: string;

beforeEach(() => {
  FakeWindow.instances = [];
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-mini-'));
  file = path.join(dir, MINI_POSITION_FILE);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function mini(areas = [SCREEN]) {
  return new MiniWindow({
    preload: '/p/index.cjs',
    appUrl: APP_URL,
    positionFile: file,
    workAreas: () => areas,
  });
}

describe('the mini window', () => {
  it('is a small frameless always-on-top window on #/mini, as locked down as the dashboard', () => {
    mini().show();
    const window = FakeWindow.instances[0]!;
    expect(window.loaded).toEqual([`${APP_URL}#/mini`]);
    expect(window.options).toMatchObject({
      width: 260,
      height: 90,
      minWidth: 260,
      minHeight: 90,
      frame: false,
      resizable: false,
      alwaysOnTop: true,
      skipTaskbar: true,
      show: false,
    });
    expect(window.options).not.toHaveProperty('x');
    expect(window.alwaysOnTop).toBe('floating');
    expect(window.options.webPreferences).toMatchObject({
      preload: '/p/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
  });

  it('opening it again shows the same window; once closed, a new one', () => {
    const view = mini();
    view.show();
    const first = FakeWindow.instances[0]!;
    first.hide();
    view.show();
    expect(FakeWindow.instances).toHaveLength(1);
    expect(first.visible).toBe(true);
    expect(view.contents()).toBe(first.webContents);
    first.destroyed = true;
    first.emit('closed');
    expect(view.contents()).toBeNull();
    view.show();
    expect(FakeWindow.instances).toHaveLength(2);
  });

  it('opens where it was left last time', () => {
    const view = mini();
    view.show();
    const window = FakeWindow.instances[0]!;
    window.moveTo(1500, 40);
    expect(readPosition(file)).toEqual({ x: 1500, y: 40 });
    window.position = [1600, 900];
    window.close();
    window.destroyed = true;
    window.emit('closed');
    view.show();
    expect(FakeWindow.instances[1]!.options).toMatchObject({ x: 1600, y: 900 });
  });

  it('a saved place off every display (a monitor unplugged) opens at the default place', () => {
    fs.writeFileSync(file, JSON.stringify({ x: 2500, y: 40 }));
    mini().show();
    expect(FakeWindow.instances[0]!.options).not.toHaveProperty('x');
    expect(onScreen({ x: 2500, y: 40 }, [SCREEN, { x: 1920, y: 0, width: 1280, height: 1024 }])).toEqual({
      x: 2500,
      y: 40,
    });
    // Partly off screen counts as off: an always-on-top window must be reachable whole.
    expect(onScreen({ x: 1700, y: 40 }, [SCREEN])).toBeNull();
    expect(onScreen({ x: -5, y: 40 }, [SCREEN])).toBeNull();
  });

  it('ignores an unreadable or malformed position file', () => {
    expect(readPosition(file)).toBeNull();
    for (const text of ['not json', 'null', '[1,2]', '{"x":"1","y":2}', '{"x":1.5,"y":2}', '{"x":1}']) {
      fs.writeFileSync(file, text);
      expect(readPosition(file)).toBeNull();
    }
    mini().show();
    expect(FakeWindow.instances[0]!.options).not.toHaveProperty('x');
  });

  it('an unwritable data folder costs only the remembered place', () => {
    const view = new MiniWindow({
      preload: '/p/index.cjs',
      appUrl: APP_URL,
      positionFile: path.join(dir, 'missing', 'deeper', MINI_POSITION_FILE),
      workAreas: () => [SCREEN],
    });
    view.show();
    expect(() => FakeWindow.instances[0]!.moveTo(10, 10)).not.toThrow();
  });
});

describe("the page's requests for our own page", () => {
  it('the mini view, a screen of the dashboard, or nothing for another page', () => {
    expect(appPageRequest(`${APP_URL}#/mini`, APP_URL)).toBe('mini');
    expect(appPageRequest(`${APP_URL}#/controls`, APP_URL)).toBe('#/controls');
    expect(appPageRequest(APP_URL, APP_URL)).toBe('#/board');
    expect(appPageRequest(`${APP_URL}#/<script>`, APP_URL)).toBe('#/board');
    expect(appPageRequest('file:///etc/passwd#/mini', APP_URL)).toBeNull();
    expect(appPageRequest('https://evil.example/#/mini', APP_URL)).toBeNull();
  });
});
