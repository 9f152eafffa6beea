import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import {
  applyStartAtLogin,
  autostartEntry,
  loginExecutable,
  quoteExecArg,
  startedHidden,
  xdgAutostartDir,
  type LoginItemApp,
} from '../../../electron/main/login-item.ts';

let dir: string;
let app: {
  setLoginItemSettings: Mock<LoginItemApp['setLoginItemSettings']>;
  getLoginItemSettings: Mock<LoginItemApp['getLoginItemSettings']>;
};

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-autostart-'));
  app = {
    setLoginItemSettings: vi.fn<LoginItemApp['setLoginItemSettings']>(),
    getLoginItemSettings: vi.fn<LoginItemApp['getLoginItemSettings']>(() => ({ openAtLogin: false })),
  };
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const target = (platform: NodeJS.Platform) => ({
  platform,
  app,
  executable: '/opt/Haltwatch/haltwatch',
  appArgs: [],
  autostartDir: path.join(dir, 'autostart'),
});

describe('start at login', () => {
  it('macOS: the login item, opened hidden', () => {
    applyStartAtLogin(true, target('darwin'));
    applyStartAtLogin(false, target('darwin'));
    expect(app.setLoginItemSettings.mock.calls).toEqual([
      [{ openAtLogin: true, openAsHidden: true }],
      [{ openAtLogin: false, openAsHidden: true }],
    ]);
  });

  it('Windows: the login item runs the executable with --hidden', () => {
    applyStartAtLogin(true, {
      ...target('win32'),
      executable: 'C:\\Program Files\\Haltwatch\\Haltwatch.exe',
    });
    expect(app.setLoginItemSettings).toHaveBeenCalledWith({
      openAtLogin: true,
      path: 'C:\\Program Files\\Haltwatch\\Haltwatch.exe',
      args: ['--hidden'],
    });
  });

  it('Linux: an XDG autostart entry that starts hidden, removed again when turned off', () => {
    const file = path.join(dir, 'autostart', 'haltwatch.desktop');
    applyStartAtLogin(true, { ...target('linux'), executable: '/home/me/Apps/Haltwatch 1.0.AppImage' });
    const entry = fs.readFileSync(file, 'utf8');
    expect(entry).toContain('[Desktop Entry]\nType=Application\n');
    expect(entry).toContain('Exec="/home/me/Apps/Haltwatch 1.0.AppImage" --hidden\n');
    expect(fs.readdirSync(path.join(dir, 'autostart'))).toEqual(['haltwatch.desktop']);
    applyStartAtLogin(true, target('linux'));
    expect(fs.readFileSync(file, 'utf8')).toContain('Exec=/opt/Haltwatch/haltwatch --hidden\n');
    applyStartAtLogin(false, target('linux'));
    expect(fs.existsSync(file)).toBe(false);
    expect(() => applyStartAtLogin(false, target('linux'))).not.toThrow();
    expect(app.setLoginItemSettings).not.toHaveBeenCalled();
  });

  it('Linux: fails loudly when the autostart folder cannot be written', () => {
    const blocker = path.join(dir, 'not-a-folder');
    fs.writeFileSync(blocker, '');
    expect(() => applyStartAtLogin(true, { ...target('linux'), autostartDir: blocker })).toThrow();
  });

  it('finds the autostart folder and the executable to register', () => {
    expect(xdgAutostartDir({}, '/home/me')).toBe('/home/me/.config/autostart');
    expect(xdgAutostartDir({ XDG_CONFIG_HOME: '/cfg' }, '/home/me')).toBe('/cfg/autostart');
    expect(xdgAutostartDir({ XDG_CONFIG_HOME: 'relative' }, '/home/me')).toBe('/home/me/.config/autostart');
    // An AppImage runs from a throwaway mount; the login item must start the AppImage file itself.
    const mounted = path.join(os.tmpdir(), '.mount_x', 'haltwatch');
    expect(loginExecutable({ APPIMAGE: '/apps/Haltwatch.AppImage' }, mounted)).toBe(
      '/apps/Haltwatch.AppImage',
    );
    expect(loginExecutable({}, '/usr/bin/haltwatch')).toBe('/usr/bin/haltwatch');
  });

  it('quotes Exec arguments as the Desktop Entry spec says', () => {
    expect(quoteExecArg('/usr/bin/haltwatch')).toBe('/usr/bin/haltwatch');
    expect(quoteExecArg('/a b/c')).toBe('"/a b/c"');
    expect(quoteExecArg('/a$b')).toBe('"/a\\\\$b"');
    expect(quoteExecArg('100%')).toBe('100%%');
    expect(quoteExecArg('')).toBe('""');
    expect(autostartEntry('/x', ['--hidden'])).toMatch(/^Exec=\/x --hidden$/m);
  });

  it('knows a start from the login item: --hidden anywhere, or macOS saying so', () => {
    expect(startedHidden('linux', ['/usr/bin/haltwatch', '--hidden'], app)).toBe(true);
    expect(startedHidden('linux', ['/usr/bin/haltwatch'], app)).toBe(false);
    expect(startedHidden('darwin', ['/Applications/Haltwatch.app'], app)).toBe(false);
    app.getLoginItemSettings.mockReturnValue({ openAtLogin: true, wasOpenedAtLogin: true });
    expect(startedHidden('darwin', ['/Applications/Haltwatch.app'], app)).toBe(true);
    expect(startedHidden('win32', ['C:\\Haltwatch.exe'], app)).toBe(false);
  });
});
