import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCK_FILE } from '../../../electron/core/data-lock.ts';
import { fakeElectronApp, FakeWindow } from './electron-app-mock.ts';
import { FakeTray } from './electron-mock.ts';
import { OPERATOR_TOKEN, openBotApi, type BotApi } from '../bot-api/harness.ts';

/**
 * The desktop app started on a data folder a running engine holds, choosing "Open it in this
 * window": its window loads that engine's dashboard over HTTP and its tray shows the level that
 * engine reports from /v1/status, until the engine goes away. A real engine behind a real local
 * server stands in for `haltwatch serve`; Electron is mocked.
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-app-connect-'));
const electron = fakeElectronApp(dataDir);
vi.mock('electron', () => electron);

/** The status is read every 2 s: a change shows within a few reads. */
const WAIT = { timeout: 10_000, interval: 50 };
let holder: ChildProcess;
let api: BotApi;
let dashboard: string;
/** The first question's buttons, read in beforeAll (mocks are cleared between tests). */
let offered: string[];
const tray = () => FakeTray.instances[0]!;
const menuLabels = () => tray().menu.map((i) => i.label);

beforeAll(async () => {
  api = await openBotApi();
  dashboard = `${api.server.url}/?token=${OPERATOR_TOKEN}`;
  holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  fs.writeFileSync(
    path.join(dataDir, LOCK_FILE),
    JSON.stringify({ pid: holder.pid, startedAt: 0, command: 'haltwatch serve', dashboardUrl: dashboard }),
  );
  vi.stubEnv('HALTWATCH_DATA_DIR', dataDir);
  vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173/');
  await import('../../../electron/main/index.ts');
  await vi.waitFor(() => expect(FakeTray.instances).toHaveLength(1), WAIT);
  offered = (electron.dialog.showMessageBox.mock.calls as unknown as [{ buttons: string[] }][])[0]![0]
    .buttons;
});

afterAll(async () => {
  electron.app.emit('before-quit');
  holder.kill('SIGKILL');
  await api.close().catch(() => {});
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the desktop app connected to an engine in another process', () => {
  it('offers this window first and, chosen, loads the running engine’s dashboard without the IPC bridge', () => {
    expect(offered[0]).toBe('Open it in this window');
    expect(electron.app.quit).not.toHaveBeenCalled();
    expect(FakeWindow.instances).toHaveLength(1);
    const window = FakeWindow.instances[0]!;
    expect(window.loaded).toEqual([dashboard]);
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs.preload).toBeUndefined();
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(electron.ipcMain.handlers.size).toBe(0);
  });

  it('starts no engine and writes nothing to the data folder', () => {
    expect(fs.readdirSync(dataDir)).toEqual([LOCK_FILE]);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({
      pid: holder.pid,
    });
  });

  it('the tray shows the level the running engine reports, and follows it', async () => {
    await vi.waitFor(() => expect(tray().image).toMatch(/tray-NORMAL\.png$/), WAIT);
    expect(menuLabels()[0]).toBe('✓ NORMAL: Trading allowed at full size');
    await api.post('/v1/reports', {
      reports: [{ type: 'critical_error', category: 'security', message: 'key leaked' }],
    });
    await vi.waitFor(() => expect(tray().image).toMatch(/tray-SHUTDOWN\.png$/), WAIT);
    expect(tray().tooltip).toContain('SHUTDOWN');
    expect(menuLabels()).toContain(`Shown from the engine at ${new URL(dashboard).host}`);
    expect(FakeWindow.instances[0]!.title).toMatch(
      /^Haltwatch — connected to haltwatch serve, process \d+ at 127\.0\.0\.1:\d+$/,
    );
  });

  it('when the engine goes away: the tray shows the level unknown (HALT’s image), the window says so', async () => {
    const boxes = electron.dialog.showMessageBox.mock.calls.length;
    await api.close();
    await vi.waitFor(() => expect(tray().image).toMatch(/tray-HALT\.png$/), WAIT);
    expect(menuLabels()[0]).toMatch(
      /^\? Level unknown: the engine at 127\.0\.0\.1:\d+ does not answer \(not reached/,
    );
    expect(tray().tooltip).toContain('Treat trading as halted until it answers again.');
    expect(FakeWindow.instances[0]!.title).toMatch(
      /NOT CONNECTED: the engine at 127\.0\.0\.1:\d+ does not answer$/,
    );
    await vi.waitFor(() => expect(electron.dialog.showMessageBox.mock.calls.length).toBe(boxes + 1), WAIT);
    const told = (electron.dialog.showMessageBox.mock.calls as unknown as [{ message: string }][]).at(-1)![0];
    expect(told.message).toMatch(/stopped answering/);
    // Told once, not at every failed read.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(electron.dialog.showMessageBox.mock.calls.length).toBe(boxes + 1);
  });

  it('a second launch shows the connected window, not a local dashboard', () => {
    electron.app.emit('second-instance');
    expect(FakeWindow.instances).toHaveLength(1);
    expect(FakeWindow.instances[0]!.visible).toBe(true);
  });
});
