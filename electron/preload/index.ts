import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type HaltwatchBridge } from '../../shared/bridge.ts';
import { isEventName, isMethodName } from '../../shared/contract-names.ts';
import type { CallOutcome } from '../../shared/contract.ts';

const bridge: HaltwatchBridge = {
  invoke(name, input) {
    if (!isMethodName(name)) {
      const outcome: CallOutcome = {
        ok: false,
        error: { code: 'unknown_method', message: `unknown method ${String(name)}` },
      };
      return Promise.resolve(outcome);
    }
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, name, input ?? {}) as Promise<CallOutcome>;
  },
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`unknown event ${String(event)}`);
    const handler = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) (listener as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld('haltwatch', bridge);
