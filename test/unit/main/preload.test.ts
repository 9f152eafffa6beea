import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL, type HaltwatchBridge } from '../../../shared/bridge.ts';

const exposed: Record<string, unknown> = {};
const ipcRenderer = Object.assign(new EventEmitter(), {
  invoke: vi.fn(async () => ({ ok: true, result: 'from main' })),
});
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => (exposed[key] = api) },
  ipcRenderer,
}));
await import('../../../electron/preload/index.ts');
const bridge = exposed.haltwatch as HaltwatchBridge;

describe('the preload bridge', () => {
  it('exposes only invoke and on, as window.haltwatch', () => {
    expect(Object.keys(exposed)).toEqual(['haltwatch']);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
  });

  it('passes contract methods to main and refuses anything else without reaching IPC', async () => {
    await expect(bridge.invoke('status.get')).resolves.toEqual({ ok: true, result: 'from main' });
    expect(ipcRenderer.invoke).toHaveBeenCalledWith(IPC_INVOKE_CHANNEL, 'status.get', {});
    ipcRenderer.invoke.mockClear();
    const outcome = await bridge.invoke('shell.openExternal' as never, { url: 'file:///etc/passwd' });
    expect(outcome).toEqual({
      ok: false,
      error: { code: 'unknown_method', message: 'unknown method shell.openExternal' },
    });
    expect(ipcRenderer.invoke).not.toHaveBeenCalled();
  });

  it('delivers only the event listened to, until unsubscribed, and refuses unknown events', () => {
    const listener = vi.fn();
    const stop = bridge.on('status', listener);
    ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, 'check.started', { id: 1 });
    ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, 'status', { level: 'HALT' });
    expect(listener.mock.calls).toEqual([[{ level: 'HALT' }]]);
    stop();
    ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, 'status', { level: 'NORMAL' });
    expect(listener).toHaveBeenCalledOnce();
    expect(ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
    expect(() => bridge.on('ipc.raw' as never, listener)).toThrow('unknown event ipc.raw');
  });
});
