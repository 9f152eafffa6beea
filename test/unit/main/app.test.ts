import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL } from '../../../shared/bridge.ts';
import { startHttpFixture, type HttpFixture } from '../../helpers/servers/http-fixture.ts';
import { fragileBroker, writeServicesFile } from '../../helpers/services-file.ts';
import { fakeElectronApp, FakeWindow } from './electron-app-mock.ts';
import { FakeNotification, FakeTray } from './electron-mock.ts';

/**
 * The whole desktop shell (electron/main/index.ts) with a real engine, a real broker fixture and a
 * mocked `electron`: launch → tray → check → HALT notification, as the Electron smoke test does where
 * the Electron binary is installed.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-app-'));
const electron = fakeElectronApp(dataDir);
vi.mock('electron', () => electron);

let broker: HttpFixture;
let apiPort: number;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  broker = await startHttpFixture();
  apiPort = await freePort();
  writeServicesFile(dataDir, [fragileBroker(broker.url)]);
  fs.writeFileSync(path.join(dataDir, 'settings.json'), JSON.stringify({ api: { port: apiPort } }));
  vi.stubEnv('HALTWATCH_DATA_DIR', dataDir);
  vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173/');
  await import('../../../electron/main/index.ts');
  await vi.waitFor(() => expect(FakeTray.instances).toHaveLength(1));
});

afterAll(async () => {
  electron.app.emit('before-quit');
  await broker.stop();
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const tray = () => FakeTray.instances[0]!;
const window = () => FakeWindow.instances[0]!;

describe('the desktop shell', () => {
  it('launches to the tray and the locked-down dashboard window', () => {
    expect(tray().image).toMatch(/resources\/tray-NORMAL\.png$/);
    expect(tray().tooltip).toContain('NORMAL');
    expect(window().loaded).toEqual(['http://localhost:5173/']);
    expect(window().options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true });
    const granted = vi.fn();
    electron.session.defaultSession.permissionRequests?.({}, 'media', granted);
    expect(granted).toHaveBeenCalledWith(false);
  });

  it('serves the bot API beside the app', async () => {
    await vi.waitFor(async () => {
      const response = await fetch(`http://127.0.0.1:${apiPort}/metrics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('haltwatch_level{level="NORMAL"} 1');
    });
  });

  it('answers the dashboard over IPC and refuses any other frame', async () => {
    const handler = electron.ipcMain.handlers.get(IPC_INVOKE_CHANNEL)!;
    const from = (url: string) => ({ sender: window().webContents, senderFrame: { url, parent: null } });
    await expect(handler(from('http://localhost:5173/#/board'), 'status.get', {})).resolves.toMatchObject({
      ok: true,
      result: { level: 'NORMAL' },
    });
    await expect(handler(from('https://evil.example/'), 'status.get', {})).resolves.toMatchObject({
      ok: false,
    });
  });

  it('keeps secrets entered in the app encrypted by the keychain, never in plain text', async () => {
    const handler = electron.ipcMain.handlers.get(IPC_INVOKE_CHANNEL)!;
    const page = {
      sender: window().webContents,
      senderFrame: { url: 'http://localhost:5173/', parent: null },
    };
    const saved = await handler(page, 'secrets.set', { name: 'BROKER_KEY', value: 'sk-desktop-1234567' });
    expect(saved).toMatchObject({
      ok: true,
      result: { names: ['BROKER_KEY'], location: expect.stringContaining('keychain') },
    });
    const file = fs.readFileSync(path.join(dataDir, 'secrets.keychain.json'), 'utf8');
    expect(file).toContain('BROKER_KEY');
    expect(file).not.toContain('sk-desktop-1234567');
    expect(fs.existsSync(path.join(dataDir, 'secrets.json'))).toBe(false);
  });

  it('runs a check from the tray, and a failing critical service turns the tray to HALT with a native notification', async () => {
    tray().item('Run check now').click?.();
    await vi.waitFor(() => expect(broker.requests.length).toBeGreaterThan(0));
    await vi.waitFor(() => expect(tray().item('Run check now').enabled).toBe(true));
    expect(FakeNotification.shown).toHaveLength(0);

    broker.setMode({ status: 503 });
    tray().item('Run check now').click?.();
    await vi.waitFor(() => expect(tray().image).toMatch(/tray-HALT\.png$/));
    expect(tray().tooltip).toContain('Cause: broker');
    await vi.waitFor(() =>
      expect(FakeNotification.shown.map((n) => n.options.title)).toContain('Haltwatch: ■ HALT'),
    );
    const halt = FakeNotification.shown.find((n) => n.options.title === 'Haltwatch: ■ HALT')!;
    expect(halt.options.urgency).toBe('critical');
    window().hide();
    halt.handlers.click?.();
    expect(window().loaded.at(-1)).toBe('http://localhost:5173/#/board');
    expect(window().visible).toBe(true);
  });

  it('disables trading from the tray after confirmation, audited as the tray', async () => {
    tray().item('Disable trading (override)…').click?.();
    await vi.waitFor(() => expect(tray().item('Lift the trading override…')).toBeDefined());
    expect(tray().tooltip).toContain('Trading disabled by operator override');
    expect(tray().menu.map((i) => i.label)).toContain('Trading disabled by tray');
  });

  it('opens the always-on-top mini view from the tray; its page may ask for status and gets the events', async () => {
    tray().item('Open the mini view (always on top)').click?.();
    const mini = FakeWindow.instances.find((w) => w.loaded.includes('http://localhost:5173/#/mini'))!;
    expect(mini.options).toMatchObject({ width: 260, height: 90, alwaysOnTop: true, frame: false });
    const handler = electron.ipcMain.handlers.get(IPC_INVOKE_CHANNEL)!;
    const page = {
      sender: mini.webContents,
      senderFrame: { url: 'http://localhost:5173/#/mini', parent: null },
    };
    await expect(handler(page, 'status.get', {})).resolves.toMatchObject({ ok: true });
    tray().item('Run check now').click?.();
    await vi.waitFor(() => expect(mini.webContents.sent.some((args) => args[1] === 'status')).toBe(true));
  });

  it('closing the window keeps the app in the tray and says so once', () => {
    const before = FakeNotification.shown.length;
    expect(window().close()).toBe('kept');
    expect(window().close()).toBe('kept');
    expect(FakeNotification.shown.slice(before).map((n) => n.options.title)).toEqual([
      'Haltwatch is still watching',
    ]);
  });

  it('waking from sleep runs the scheduler catch-up without trouble', () => {
    expect(() => electron.powerMonitor.emit('suspend')).not.toThrow();
    expect(() => electron.powerMonitor.emit('resume')).not.toThrow();
  });
});
