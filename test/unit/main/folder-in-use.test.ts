import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LOCK_FILE } from '../../../electron/core/data-lock.ts';
import { WITNESS_FILE } from '../../../electron/core/store/state-witness.ts';
import { fakeElectronApp } from './electron-app-mock.ts';
import { FakeTray } from './electron-mock.ts';

/**
 * The desktop shell started on a data folder a `haltwatch serve` already holds: it says who holds it,
 * offers that engine's dashboard, and when the user picks the browser opens it there and quits
 * without starting a second engine (connect-window.test.ts covers "Open it in this window").
 */
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-app-in-use-'));
const electron = fakeElectronApp(dataDir);
vi.mock('electron', () => electron);

const DASHBOARD = 'http://127.0.0.1:17399/?token=abc';
let holder: ChildProcess;
/** What main did, read once it quit (mocks are cleared between tests). */
let seen: { boxes: unknown[][]; errors: unknown[][]; opened: unknown[][] };

beforeAll(async () => {
  // A live process standing in for the serve that holds the folder.
  holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  const pid = holder.pid!;
  fs.writeFileSync(
    path.join(dataDir, LOCK_FILE),
    JSON.stringify({
      pid,
      startedAt: Date.UTC(2026, 11, 5, 7, 0),
      command: 'haltwatch serve',
      dashboardUrl: DASHBOARD,
    }),
  );
  vi.stubEnv('HALTWATCH_DATA_DIR', dataDir);
  vi.stubEnv('ELECTRON_RENDERER_URL', 'http://localhost:5173/');
  electron.dialog.showMessageBox.mockResolvedValue({ response: 1, checkboxChecked: false });
  await import('../../../electron/main/index.ts');
  await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
  seen = {
    boxes: [...electron.dialog.showMessageBox.mock.calls],
    errors: [...electron.dialog.showErrorBox.mock.calls],
    opened: [...electron.shell.openExternal.mock.calls],
  };
});

afterAll(() => {
  holder.kill('SIGKILL');
  vi.unstubAllEnvs();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the desktop app on a data folder another engine holds', () => {
  it('names the process holding it and offers its dashboard', () => {
    expect(seen.errors).toEqual([]);
    expect(seen.boxes).toHaveLength(1);
    const options = seen.boxes[0]?.[0] as {
      message: string;
      buttons: string[];
    };
    expect(options.message).toMatch(
      new RegExp(
        `data folder .* is in use by process ${holder.pid} \\(haltwatch serve since 2026-12-05T07:00:00.000Z\\)`,
      ),
    );
    expect(options.buttons).toEqual(['Open it in this window', 'Open it in the browser', 'Quit']);
    expect(seen.opened).toEqual([[DASHBOARD]]);
  });

  it('starts no second engine and leaves the lock to its holder', () => {
    expect(FakeTray.instances).toHaveLength(0);
    expect(fs.existsSync(path.join(dataDir, WITNESS_FILE))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, LOCK_FILE), 'utf8'))).toMatchObject({
      pid: holder.pid,
    });
  });
});
