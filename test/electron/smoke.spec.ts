import { _electron as electron, expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/haltwatch-process.ts';

/** Electron's binary, found through its path.txt (requiring `electron` would try to download it). */
function installedElectron(): string | null {
  const dir = path.join(REPO_ROOT, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(dir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

const binary = installedElectron();

test('the desktop app launches, shows the board and runs a check', async () => {
  test.skip(
    binary === null,
    'Electron binary not installed (node_modules/electron/path.txt is missing): Electron downloads it on first `npm start`, which needs internet; this machine has none',
  );
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-electron-'));
  fs.writeFileSync(path.join(dataDir, 'services.json'), JSON.stringify({ services: [] }));
  const app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [REPO_ROOT, '--no-sandbox'],
    env: { ...process.env, HALTWATCH_DATA_DIR: dataDir },
  });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('level-name')).toHaveText('NORMAL');
    expect(await window.evaluate(() => typeof (window as unknown as { haltwatch?: unknown }).haltwatch)).toBe(
      'object',
    );
    await window.getByTestId('run-check').click();
    await expect(window.getByTestId('run-check')).toHaveText('Run check now');
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
