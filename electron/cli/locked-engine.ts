import type { DataFolderLock } from '../core/data-lock.ts';
import type { Haltwatch } from '../core/haltwatch.ts';

/**
 * Takes the data folder's lock (DataFolderInUseError, exit 2, while another engine runs on it), then
 * opens Haltwatch on the folder; the lock is given back when it cannot be opened. Loaded lazily by
 * the commands that run an engine, so `haltwatch --help` does not pay for it.
 */
export async function openLockedEngine(options: {
  dataDir: string;
  configFile?: string;
  holder: string;
  log: (message: string) => void;
}): Promise<{ haltwatch: Haltwatch; lock: DataFolderLock }> {
  const [{ openHaltwatch }, { lockDataFolder }] = await Promise.all([
    import('../core/haltwatch.ts'),
    import('../core/data-lock.ts'),
  ]);
  const lock = lockDataFolder(options.dataDir, options.holder);
  try {
    return {
      lock,
      haltwatch: openHaltwatch({
        dataDir: options.dataDir,
        configFile: options.configFile,
        log: options.log,
      }),
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}
