import type { App, Session, WebContents } from 'electron';
import { isAppPage } from './dashboard-url.ts';

/** Opens a link in the user's browser; only http and https ever leave the app. */
export type OpenExternal = (url: string) => void;

export function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Electron's security checklist for every web contents the app ever creates (windows, devtools,
 * anything a bug might open): no new windows (web links go to the browser), no navigation away from
 * the dashboard, no <webview>.
 */
export function lockDownContents(
  contents: WebContents,
  appUrl: string,
  openExternal: OpenExternal,
  openAppPage: (url: string) => void = () => {},
): void {
  contents.setWindowOpenHandler(({ url }) => {
    // Our own page (the mini view, or the dashboard asked for from it): main opens its own window.
    if (isAppPage(url, appUrl)) openAppPage(url);
    else if (isWebLink(url)) openExternal(url);
    return { action: 'deny' };
  });
  const stayOnDashboard = (event: { preventDefault(): void }, url: string) => {
    if (!isAppPage(url, appUrl)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnDashboard);
  contents.on('will-redirect', stayOnDashboard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** The dashboard needs no camera, microphone, location, notifications API or anything else. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/**
 * Applies the checklist to the default session and every web contents, present and future.
 * `openAppPage` gets the page's requests to open our own page in a new window.
 */
export function hardenApp(
  app: App,
  session: Session,
  appUrl: string,
  openExternal: OpenExternal,
  openAppPage?: (url: string) => void,
): void {
  denyPermissions(session);
  app.on('web-contents-created', (_event, contents) =>
    lockDownContents(contents, appUrl, openExternal, openAppPage),
  );
}
