import { describe, expect, it, vi } from 'vitest';
import type { WebContents } from 'electron';
import { DataFolderInUseError } from '../../../electron/core/data-lock.ts';

vi.mock('electron', () => ({}));
const { connectTarget } = await import('../../../electron/main/connect-window.ts');
const { offerRunningEngine, IN_USE_BUTTONS } = await import('../../../electron/main/folder-in-use.ts');
const { lockDownContents } = await import('../../../electron/main/security.ts');

const DASHBOARD = 'http://127.0.0.1:17399/?token=operator-token-123';

const inUse = (dashboardUrl?: string) =>
  new DataFolderInUseError('/data', { pid: 4242, startedAt: 0, command: 'haltwatch serve', dashboardUrl });

function answering(button: string) {
  return {
    showMessageBox: vi.fn(async (options: { buttons: string[] }) => ({
      response: options.buttons.indexOf(button),
      checkboxChecked: false,
    })),
  };
}

describe('the choice offered when another engine holds the data folder', () => {
  it('offers this window first, then the browser, then quit', async () => {
    const dialog = answering(IN_USE_BUTTONS.connect);
    const openExternal = vi.fn();
    const choice = await offerRunningEngine(inUse(DASHBOARD), dialog as never, openExternal);
    expect(dialog.showMessageBox.mock.calls[0]?.[0]).toMatchObject({
      buttons: ['Open it in this window', 'Open it in the browser', 'Quit'],
      defaultId: 0,
      cancelId: 2,
    });
    expect(choice).toEqual({
      kind: 'connect',
      target: {
        url: DASHBOARD,
        origin: 'http://127.0.0.1:17399',
        token: 'operator-token-123',
        where: '127.0.0.1:17399',
      },
    });
    expect(openExternal).not.toHaveBeenCalled();
  });

  it('the browser or quit, as chosen', async () => {
    const openExternal = vi.fn();
    expect(
      await offerRunningEngine(inUse(DASHBOARD), answering('Open it in the browser') as never, openExternal),
    ).toEqual({
      kind: 'opened',
    });
    expect(openExternal).toHaveBeenCalledWith(DASHBOARD);
    expect(await offerRunningEngine(inUse(DASHBOARD), answering('Quit') as never, vi.fn())).toEqual({
      kind: 'quit',
    });
  });

  it('no dashboard published yet: only Quit', async () => {
    const dialog = answering('Quit');
    expect(await offerRunningEngine(inUse(), dialog as never, vi.fn())).toEqual({ kind: 'quit' });
    expect(dialog.showMessageBox.mock.calls[0]?.[0]).toMatchObject({ buttons: ['Quit'] });
  });

  it('a dashboard URL that is not this machine’s engine page is never loaded in the window', async () => {
    for (const url of [
      'http://192.168.1.5:17399/?token=t',
      'http://localhost:17399/?token=t',
      'https://127.0.0.1:17399/?token=t',
      'http://127.0.0.1/?token=t',
      'http://127.0.0.1:17399/other?token=t',
      'http://127.0.0.1:17399/',
      'http://user:pw@127.0.0.1:17399/?token=t',
      'file:///etc/passwd',
      'not a url',
    ])
      expect(connectTarget(url), url).toBeNull();
    expect(connectTarget('http://[::1]:17399/?token=t')?.origin).toBe('http://[::1]:17399');
    const dialog = answering('Open it in the browser');
    await offerRunningEngine(inUse('http://192.168.1.5:17399/?token=t'), dialog as never, vi.fn());
    expect(dialog.showMessageBox.mock.calls[0]?.[0]).toMatchObject({
      buttons: ['Open it in the browser', 'Quit'],
    });
  });

  it('the connected window may navigate within that dashboard page and nowhere else', () => {
    const handlers: Record<string, (event: { preventDefault(): void }, url: string) => void> = {};
    const contents = {
      setWindowOpenHandler: () => {},
      on: (event: string, fn: (typeof handlers)[string]) => (handlers[event] = fn),
    } as unknown as WebContents;
    lockDownContents(contents, DASHBOARD, vi.fn());
    const navigate = (url: string) => {
      const event = { preventDefault: vi.fn() };
      handlers['will-navigate']?.(event, url);
      return event.preventDefault.mock.calls.length > 0 ? 'blocked' : 'allowed';
    };
    expect(navigate('http://127.0.0.1:17399/#/history')).toBe('allowed');
    expect(navigate('http://127.0.0.1:17399/')).toBe('allowed');
    expect(navigate('http://127.0.0.1:17400/')).toBe('blocked');
    expect(navigate('http://localhost:17399/')).toBe('blocked');
    expect(navigate('https://127.0.0.1:17399/')).toBe('blocked');
    expect(navigate('http://127.0.0.1:17399/metrics')).toBe('blocked');
    expect(navigate('file:///opt/haltwatch/out/renderer/index.html')).toBe('blocked');
    expect(navigate('https://evil.example/')).toBe('blocked');
  });
});
