import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { App, Session, WebContents } from 'electron';
import { REPO_ROOT } from '../../helpers/haltwatch-process.ts';

const created: {
  options: Record<string, unknown>;
  handlers: Record<string, () => void>;
  loaded: string[];
}[] = [];
vi.mock('electron', () => ({
  BrowserWindow: class {
    readonly handlers: Record<string, () => void> = {};
    readonly loaded: string[] = [];
    constructor(options: Record<string, unknown>) {
      created.push({ options, handlers: this.handlers, loaded: this.loaded });
    }
    once(event: string, handler: () => void) {
      this.handlers[event] = handler;
    }
    show() {}
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
  },
}));
const { createMainWindow } = await import('../../../electron/main/window.ts');
const { denyPermissions, hardenApp, isWebLink, lockDownContents } =
  await import('../../../electron/main/security.ts');

const APP_URL = 'file:///opt/haltwatch/out/renderer/index.html';

function fakeContents() {
  const handlers: Record<string, (event: { preventDefault(): void }, url: string) => void> = {};
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    setWindowOpenHandler: (fn: typeof openHandler) => {
      openHandler = fn;
    },
    on: (event: string, fn: (typeof handlers)[string]) => {
      handlers[event] = fn;
    },
  };
  const fire = (event: string, url = '') => {
    const e = { preventDefault: vi.fn() };
    handlers[event]?.(e, url);
    return e.preventDefault.mock.calls.length > 0 ? 'blocked' : 'allowed';
  };
  return {
    contents: contents as unknown as WebContents,
    fire,
    open: (url: string) => openHandler?.({ url }),
  };
}

describe('the security checklist', () => {
  it('the window is isolated, sandboxed, without Node, webviews or auxclick', () => {
    createMainWindow({ preload: '/p/index.cjs', url: APP_URL });
    const { options, loaded } = created[0]!;
    expect(options.webPreferences).toMatchObject({
      preload: '/p/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(options.show).toBe(false);
    expect(loaded).toEqual([APP_URL]);
  });

  it('denies new windows and sends only http(s) links to the browser', () => {
    const openExternal = vi.fn();
    const { contents, open } = fakeContents();
    lockDownContents(contents, APP_URL, openExternal);
    expect(open('https://www.nyse.com/markets/hours-calendars')).toEqual({ action: 'deny' });
    expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(open('javascript:alert(1)')).toEqual({ action: 'deny' });
    expect(open('smb://host/share')).toEqual({ action: 'deny' });
    expect(openExternal.mock.calls).toEqual([['https://www.nyse.com/markets/hours-calendars']]);
    expect(isWebLink('http://localhost:3000')).toBe(true);
    expect(isWebLink('not a url')).toBe(false);
  });

  it('hands a request for our own page (the mini view) to main, still denying the new window', () => {
    const openExternal = vi.fn();
    const openAppPage = vi.fn();
    const devUrl = 'http://localhost:5173/';
    const { contents, open } = fakeContents();
    lockDownContents(contents, devUrl, openExternal, openAppPage);
    expect(open(`${devUrl}#/mini`)).toEqual({ action: 'deny' });
    expect(open('http://localhost:5174/#/mini')).toEqual({ action: 'deny' });
    expect(openAppPage.mock.calls).toEqual([[`${devUrl}#/mini`]]);
    // The dev server's own page is never sent to the browser; another port is just a web link.
    expect(openExternal.mock.calls).toEqual([['http://localhost:5174/#/mini']]);
  });

  it('blocks navigation and redirects away from the dashboard, and every webview', () => {
    const { contents, fire } = fakeContents();
    lockDownContents(contents, APP_URL, vi.fn());
    expect(fire('will-navigate', `${APP_URL}#/history`)).toBe('allowed');
    expect(fire('will-navigate', 'https://evil.example/')).toBe('blocked');
    expect(fire('will-navigate', 'file:///opt/haltwatch/out/renderer/other.html')).toBe('blocked');
    expect(fire('will-redirect', 'https://evil.example/')).toBe('blocked');
    expect(fire('will-attach-webview')).toBe('blocked');
  });

  it('denies every permission request and check', () => {
    let request: ((c: unknown, p: string, callback: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    const session = {
      setPermissionRequestHandler: (fn: typeof request) => (request = fn),
      setPermissionCheckHandler: (fn: typeof check) => (check = fn),
    } as unknown as Session;
    denyPermissions(session);
    const callback = vi.fn();
    request?.({}, 'media', callback);
    request?.({}, 'notifications', callback);
    expect(callback.mock.calls).toEqual([[false], [false]]);
    expect(check?.()).toBe(false);
  });

  it('applies the lockdown to every web contents the app creates', () => {
    let onCreated: ((event: unknown, contents: WebContents) => void) | undefined;
    const app = { on: (_e: string, fn: typeof onCreated) => (onCreated = fn) } as unknown as App;
    const session = { setPermissionRequestHandler: vi.fn(), setPermissionCheckHandler: vi.fn() };
    hardenApp(app, session as unknown as Session, APP_URL, vi.fn());
    const { contents, fire } = fakeContents();
    onCreated?.({}, contents);
    expect(fire('will-navigate', 'https://evil.example/')).toBe('blocked');
    expect(session.setPermissionRequestHandler).toHaveBeenCalledOnce();
  });

  it('the dashboard page carries a Content-Security-Policy without inline or eval scripts', () => {
    const html = fs.readFileSync(path.join(REPO_ROOT, 'renderer', 'index.html'), 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? '';
    expect(scriptSrc.trim()).toBe("'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
  });
});
