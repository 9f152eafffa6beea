import fs from 'node:fs';
import path from 'node:path';

/** Passed by the login item: start minimised to the tray, without opening the window. */
export const HIDDEN_ARG = '--hidden';
export const AUTOSTART_FILE = 'haltwatch.desktop';

/** The parts of Electron's `app` the login item uses. */
export interface LoginItemApp {
  setLoginItemSettings(settings: {
    openAtLogin: boolean;
    openAsHidden?: boolean;
    path?: string;
    args?: string[];
  }): void;
  getLoginItemSettings(options?: { path?: string; args?: string[] }): {
    openAtLogin: boolean;
    wasOpenedAtLogin?: boolean;
    wasOpenedAsHidden?: boolean;
  };
}

export interface LoginItemTarget {
  platform: NodeJS.Platform;
  app: LoginItemApp;
  /** The executable to start: the AppImage file itself when run from one, else process.execPath. */
  executable: string;
  /** Arguments before --hidden (in development: the app folder Electron must load). */
  appArgs: readonly string[];
  /** Linux: the XDG autostart folder ($XDG_CONFIG_HOME/autostart, default ~/.config/autostart). */
  autostartDir: string;
}

export function xdgAutostartDir(env: NodeJS.ProcessEnv, home: string): string {
  const config =
    env.XDG_CONFIG_HOME && path.isAbsolute(env.XDG_CONFIG_HOME)
      ? env.XDG_CONFIG_HOME
      : path.join(home, '.config');
  return path.join(config, 'autostart');
}

/** The program to register: an AppImage is mounted at a new path each run, so the file itself. */
export function loginExecutable(env: NodeJS.ProcessEnv, execPath: string): string {
  return env.APPIMAGE && path.isAbsolute(env.APPIMAGE) ? env.APPIMAGE : execPath;
}

/**
 * Starts Haltwatch when the user logs in, or stops doing so: the OS login item on macOS and Windows,
 * an XDG autostart entry on Linux. Either way it starts minimised to the tray. Throws when the OS
 * refuses (a read-only autostart folder); the caller reports it.
 */
export function applyStartAtLogin(enabled: boolean, target: LoginItemTarget): void {
  const args = [...target.appArgs, HIDDEN_ARG];
  switch (target.platform) {
    case 'darwin':
      // openAsHidden is honoured up to macOS 12; later versions report wasOpenedAtLogin instead.
      target.app.setLoginItemSettings({ openAtLogin: enabled, openAsHidden: true });
      return;
    case 'win32':
      target.app.setLoginItemSettings({ openAtLogin: enabled, path: target.executable, args });
      return;
    default: {
      const file = path.join(target.autostartDir, AUTOSTART_FILE);
      if (!enabled) {
        fs.rmSync(file, { force: true });
        return;
      }
      fs.mkdirSync(target.autostartDir, { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(temp, autostartEntry(target.executable, args), { mode: 0o644 });
      fs.renameSync(temp, file);
    }
  }
}

/** Whether this start came from the login item, so the window stays closed and the tray shows. */
export function startedHidden(
  platform: NodeJS.Platform,
  argv: readonly string[],
  app: LoginItemApp,
): boolean {
  if (argv.includes(HIDDEN_ARG)) return true;
  if (platform !== 'darwin') return false;
  const settings = app.getLoginItemSettings();
  return settings.wasOpenedAsHidden === true || settings.wasOpenedAtLogin === true;
}

/** A Desktop Entry (freedesktop.org spec 1.5) that starts `executable args…` at login. */
export function autostartEntry(executable: string, args: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.5',
    'Name=Haltwatch',
    'Comment=Watches your trading setup and tells your bot whether it may trade',
    `Exec=${[executable, ...args].map(quoteExecArg).join(' ')}`,
    'Icon=haltwatch',
    'Terminal=false',
    'Categories=Finance;',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * Quoting per the spec's Exec key: an argument with a reserved character goes in double quotes,
 * where `"`, `` ` ``, `$` and `\` are backslash-escaped; `%` is doubled everywhere (field codes).
 */
export function quoteExecArg(arg: string): string {
  const percent = arg.replaceAll('%', '%%');
  if (percent !== '' && !/[\s"'\\><~|&;$*?#()`=]/.test(percent)) return percent;
  const quoted = `"${percent.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
  // The Exec value is also a string value, whose own escaping doubles every backslash.
  return quoted.replaceAll('\\', '\\\\');
}
