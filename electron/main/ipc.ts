import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { ACTORS } from '../../shared/audit.ts';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../shared/bridge.ts';
import type { CallContext, CallOutcome } from '../../shared/contract.ts';
import type { Dispatch } from '../core/dispatcher.ts';
import type { EventHub } from '../core/events.ts';
import { isAppPage } from './dashboard-url.ts';

/** The desktop window is the operator at this machine: no token, and commands and secrets are its own. */
const DESKTOP: CallContext = { actor: ACTORS.desktop, commandsAndSecrets: true };

/**
 * Serves the contract over IPC. Only the app's own page, in the main frame of our window, may call:
 * anything else (another frame, a navigated-away page) is refused.
 */
export function serveContractOverIpc(
  ipcMain: IpcMain,
  dispatch: Dispatch,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): () => void {
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event, name: unknown, input: unknown): Promise<CallOutcome> => {
    if (!isTrustedSender(event)) {
      return {
        ok: false,
        error: { code: 'failed', message: 'refused: the caller is not the Haltwatch window' },
      };
    }
    return dispatch(name, input, DESKTOP);
  });
  return () => ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
}

export function forwardEvents(events: EventHub, target: () => WebContents | null): () => void {
  return events.subscribe((name, payload) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, name, payload);
  });
}

/** True when the frame is the top frame of `contents` and shows our own page. */
export function senderIsAppPage(
  event: IpcMainInvokeEvent,
  contents: WebContents | null,
  appUrl: string,
): boolean {
  const frame = event.senderFrame;
  if (!contents || event.sender !== contents || !frame || frame.parent !== null) return false;
  return isAppPage(frame.url, appUrl);
}
