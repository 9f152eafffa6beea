import type { DashboardTarget } from '../core/notify/notice.ts';

/** True when `url` is the dashboard page itself (any hash or query), never another page or origin. */
export function isAppPage(url: string, appUrl: string): boolean {
  try {
    const x = new URL(url);
    const y = new URL(appUrl);
    return x.protocol === y.protocol && x.host === y.host && x.pathname === y.pathname;
  } catch {
    return false;
  }
}

/** The dashboard opened on one screen: the app URL with the screen's hash route. */
export function dashboardUrl(appUrl: string, target?: DashboardTarget): string {
  const url = new URL(appUrl);
  url.hash = target ? target.slice(1) : '';
  return url.href;
}
