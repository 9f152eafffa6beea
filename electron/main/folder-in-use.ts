import type { Dialog } from 'electron';
import type { DataFolderInUseError } from '../core/data-lock.ts';

/**
 * Another engine (a `haltwatch serve`, or the app under another session) already runs on the data
 * folder: a second one would answer its own level and lose a HALT. Says so and offers the running
 * engine's dashboard instead. Resolves once the user has answered; the caller then quits.
 */
export async function offerRunningEngine(
  error: DataFolderInUseError,
  dialog: Pick<Dialog, 'showMessageBox'>,
  openExternal: (url: string) => void,
): Promise<'opened' | 'quit'> {
  const url = error.holder.dashboardUrl;
  const buttons = url ? ['Open its dashboard', 'Quit'] : ['Quit'];
  const { response } = await dialog.showMessageBox({
    type: 'warning',
    title: 'Haltwatch is already running on this data folder',
    message: `The ${error.message}.`,
    detail: url
      ? 'Only one Haltwatch engine may watch a data folder. Open the running engine’s dashboard in your browser, or quit.'
      : 'Only one Haltwatch engine may watch a data folder, and the running one has not published its dashboard yet. Quit, and try again once it has started (or stop it first).',
    buttons,
    defaultId: 0,
    cancelId: buttons.length - 1,
    noLink: true,
  });
  if (url && response === 0 && /^https?:\/\//.test(url)) {
    openExternal(url);
    return 'opened';
  }
  return 'quit';
}
