import type { DataFolderLock } from '../core/data-lock.ts';
import type { Monitor } from '../core/monitor.ts';

/**
 * Takes the data folder's lock (DataFolderInUseError, exit 2, while another engine runs on it), then
 * builds the engine on the folder; the lock is given back when the engine cannot be built. Loaded
 * lazily by the commands that run an engine, so `haltwatch --help` does not pay for it.
 */
export async function openLockedEngine(options: {
  dataDir: string;
  configFile?: string;
  holder: string;
  log: (message: string) => void;
}): Promise<{ monitor: Monitor; lock: DataFolderLock }> {
  const [{ Monitor }, { lockDataFolder }] = await Promise.all([
    import('../core/monitor.ts'),
    import('../core/data-lock.ts'),
  ]);
  const lock = lockDataFolder(options.dataDir, options.holder);
  try {
    return {
      lock,
      monitor: new Monitor({ dataDir: options.dataDir, configFile: options.configFile, log: options.log }),
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
