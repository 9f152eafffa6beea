import { describe, expect, it, vi } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { senderIsAppPage, serveContractOverIpc } from '../../../electron/main/ipc.ts';
import { IPC_INVOKE_CHANNEL } from '../../../shared/bridge.ts';

const APP_URL = 'file:///opt/haltwatch/out/renderer/index.html';
const contents = {} as WebContents;

function eventFrom(sender: WebContents, url: string, parent: unknown = null): IpcMainInvokeEvent {
  return { sender, senderFrame: { url, parent } } as unknown as IpcMainInvokeEvent;
}

describe('IPC', () => {
  it('trusts only the top frame of our window showing our page', () => {
    expect(senderIsAppPage(eventFrom(contents, APP_URL), contents, APP_URL)).toBe(true);
    expect(senderIsAppPage(eventFrom(contents, `${APP_URL}#history`), contents, APP_URL)).toBe(true);
    expect(senderIsAppPage(eventFrom(contents, 'https://evil.example/'), contents, APP_URL)).toBe(false);
    expect(senderIsAppPage(eventFrom(contents, APP_URL, {}), contents, APP_URL)).toBe(false);
    expect(senderIsAppPage(eventFrom({} as WebContents, APP_URL), contents, APP_URL)).toBe(false);
    expect(senderIsAppPage(eventFrom(contents, APP_URL), null, APP_URL)).toBe(false);
  });

  it('dispatches trusted calls and refuses the rest without dispatching', async () => {
    let handler: ((event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>) | undefined;
    const ipcMain = {
      handle: (channel: string, fn: typeof handler) => {
        expect(channel).toBe(IPC_INVOKE_CHANNEL);
        handler = fn;
      },
      removeHandler: vi.fn(),
    } as unknown as IpcMain;
    const dispatch = vi.fn(async () => ({ ok: true as const, result: 'fine' }));
    serveContractOverIpc(ipcMain, dispatch, (event) => senderIsAppPage(event, contents, APP_URL));
    await expect(handler!(eventFrom(contents, APP_URL), 'status.get', {})).resolves.toEqual({
      ok: true,
      result: 'fine',
    });
    const refused = await handler!(eventFrom(contents, 'https://evil.example/'), 'check.run', {});
    expect(refused).toMatchObject({ ok: false, error: { code: 'failed' } });
    expect(dispatch).toHaveBeenCalledTimes(1);
    // The desktop window is the operator at this machine: audited as "desktop", commands its own.
    expect(dispatch).toHaveBeenCalledWith('status.get', {}, { actor: 'desktop', commandsAndSecrets: true });
  });
});
