import type { Dialog } from 'electron';
import type { DataFolderInUseError } from '../core/data-lock.ts';
import { connectTarget, type ConnectTarget } from './connect-window.ts';

export const IN_USE_BUTTONS = {
  connect: 'Open it in this window',
  browser: 'Open it in the browser',
  quit: 'Quit',
} as const;

export type RunningEngineChoice =
  { kind: 'connect'; target: ConnectTarget } | { kind: 'opened' } | { kind: 'quit' };

/**
 * Another engine (a `haltwatch serve`, or the app under another session) already runs on the data
 * folder: a second one would answer its own level and lose a HALT. Says so and offers, first, to
 * show the running engine's dashboard in this app's window (connect-window.ts), or in the browser.
 * Resolves once the user has answered; on anything but "connect" the caller quits.
 */
export async function offerRunningEngine(
  error: DataFolderInUseError,
  dialog: Pick<Dialog, 'showMessageBox'>,
  openExternal: (url: string) => void,
): Promise<RunningEngineChoice> {
  const url = error.holder.dashboardUrl;
  const target = connectTarget(url);
  const browsable = url !== undefined && /^https?:\/\//.test(url);
  const buttons = [
    ...(target ? [IN_USE_BUTTONS.connect] : []),
    ...(browsable ? [IN_USE_BUTTONS.browser] : []),
    IN_USE_BUTTONS.quit,
  ];
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    title: 'Haltwatch is already running on this data folder',
    message: `The ${error.message}.`,
    detail: browsable
      ? 'Only one Haltwatch engine may watch a data folder. Show the running engine’s dashboard in this window (the tray then shows its level) or in your browser, or quit.'
      : 'Only one Haltwatch engine may watch a data folder, and the running one has not published its dashboard yet. Quit, and try again once it has started (or stop it first).',
    buttons,
    defaultId: 0,
    cancelId: buttons.length - 1,
    noLink: true,
  });
  const chosen = buttons[response];
  if (chosen === IN_USE_BUTTONS.connect && target) return { kind: 'connect', target };
  if (chosen === IN_USE_BUTTONS.browser && url) {
    openExternal(url);
    return { kind: 'opened' };
  }
  return { kind: 'quit' };
}
