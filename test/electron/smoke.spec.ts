import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/haltwatch-process.ts';
import { startHttpFixture, type HttpFixture } from '../helpers/servers/http-fixture.ts';
import { fragileBroker, writeServicesFile } from '../helpers/services-file.ts';

/** Electron's binary, found through its path.txt (requiring `electron` would try to download it). */
function installedElectron(): string | null {
  const dir = path.join(REPO_ROOT, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

const binary = installedElectron();

/** Records, in the main process, every notification shown and every tray tooltip set from now on. */
async function recordShell(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ Notification, Tray }) => {
    const seen = { notifications: [] as { title: string; body: string }[], tooltips: [] as string[] };
    (globalThis as unknown as { haltwatchSeen: typeof seen }).haltwatchSeen = seen;
    const show = Notification.prototype.show;
    Notification.prototype.show = function (this: Electron.Notification) {
      seen.notifications.push({ title: this.title, body: this.body });
      show.call(this);
    };
    const setToolTip = Tray.prototype.setToolTip;
    Tray.prototype.setToolTip = function (this: Electron.Tray, text: string) {
      seen.tooltips.push(text);
      setToolTip.call(this, text);
    };
  });
}

function seen(app: ElectronApplication) {
  return app.evaluate(
    () =>
      (
        globalThis as unknown as {
          haltwatchSeen: { notifications: { title: string; body: string }[]; tooltips: string[] };
        }
      ).haltwatchSeen,
  );
}

test('the desktop app launches to the tray and the board, and a HALT reaches the tray and a native notification', async () => {
  test.skip(
    binary === null,
    'Electron binary not installed (node_modules/electron/path.txt is missing): Electron downloads it on first `npm start`, which needs internet; this machine has none',
  );
  const broker: HttpFixture = await startHttpFixture();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-electron-'));
  writeServicesFile(dataDir, [fragileBroker(broker.url)]);
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [REPO_ROOT, '--no-sandbox'],
    env: { ...process.env, HALTWATCH_DATA_DIR: dataDir },
  });
  try {
    await recordShell(app);
    const window = await app.firstWindow();
    await expect(window.getByTestId('level-name')).toHaveText('NORMAL');
    expect(await window.evaluate(() => typeof (window as unknown as { haltwatch?: unknown }).haltwatch)).toBe(
      'object',
    );
    await window.getByTestId('run-check').click();
    await expect(window.getByTestId('run-check')).toHaveText('Run check now');
    await expect.poll(async () => (await seen(app)).tooltips.at(-1)).toContain('NORMAL');

    broker.setMode({ status: 503 });
    await window.getByTestId('run-check').click();
    await expect(window.getByTestId('level-name')).toHaveText('HALT');
    await expect.poll(async () => (await seen(app)).tooltips.at(-1)).toContain('HALT');
    await expect
      .poll(async () => (await seen(app)).notifications.map((n) => n.title))
      .toContain('Haltwatch: ■ HALT');
  } finally {
    await app.close();
    await broker.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
