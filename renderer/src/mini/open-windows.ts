/** The mini view's route: its own window in the desktop app, a small popup in a browser. */
export const MINI_HASH = '#/mini';
/** About the size of the desktop app's mini window; a browser may round it. */
const POPUP_FEATURES = 'popup,width=260,height=90';

/**
 * Opens the mini view. The desktop app turns this request for its own page into its always-on-top
 * mini window (electron/main/mini-window.ts); a browser opens a small popup of the same page.
 */
export function openMiniView(): void {
  window.open(new URL(MINI_HASH, window.location.href).href, 'haltwatch-mini', POPUP_FEATURES);
}

/**
 * From the mini view back to the dashboard: the window that opened it when there is one (a
 * browser), else a request for the dashboard page, which the desktop app answers with its window.
 */
export function openDashboardFromMini(): void {
  const opener = window.opener as Window | null;
  if (opener && !opener.closed) {
    try {
      opener.location.hash = '#/board';
      opener.focus();
      return;
    } catch {
      // Another origin by now: ask for a window instead.
    }
  }
  window.open(new URL('#/board', window.location.href).href, 'haltwatch-dashboard');
}
