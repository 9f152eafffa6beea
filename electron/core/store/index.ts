import fs from 'node:fs';
import path from 'node:path';
import type { StoreNotice } from '../../../shared/history.ts';
import type { Clock } from '../clock.ts';
import { isCorruptionError, openConnection } from './connection.ts';
import { parseRetention, type RetentionInput } from './retention.ts';
import { Store } from './store.ts';
import { errorMessage } from '../../../shared/errors.ts';

export { Store, type BeginCheck, type FinishCheck } from './store.ts';
export type { ReportRecord } from '../../../shared/reports.ts';
export { parseRetention, retentionSchema, type RetentionInput, type RetentionPolicy } from './retention.ts';
export { writeExport, type ExportSink } from './export.ts';
export { openReadOnly } from './connection.ts';
export type { StoreNotice } from '../../../shared/history.ts';

export const DEFAULT_DB_FILE = 'haltwatch.db';

export interface OpenStoreOptions {
  /** the data folder; null keeps history in memory only */
  dir: string | null;
  clock: Clock;
  retention?: RetentionInput;
  fileName?: string;
  /** run retention a minute after opening and then daily (default true) */
  scheduleRetention?: boolean;
}

export interface OpenedStore {
  store: Store;
  notice: StoreNotice | null;
}

/** Windows cannot have ":" in a file name. */
function fileStamp(ms: number): string {
  return new Date(ms).toISOString().replaceAll(':', '-');
}

/** Renames the database and its -wal/-shm companions so SQLite can still open the copy. */
function moveAside(file: string, now: number): string {
  const movedTo = `${file}.corrupt-${fileStamp(now)}`;
  fs.renameSync(file, movedTo);
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, movedTo + suffix);
  }
  return movedTo;
}

/**
 * Opens the history database in `dir`. Never throws for a bad file or folder: a corrupt or foreign
 * file is moved aside and a fresh database created; a folder that cannot hold a database gives an
 * in-memory store. Either way `notice` tells the user what happened.
 */
export function openStore(options: OpenStoreOptions): OpenedStore {
  const retention = parseRetention(options.retention);
  const common = { clock: options.clock, retention, scheduleRetention: options.scheduleRetention ?? true };
  const inMemory = (why: string, notice: StoreNotice | null): OpenedStore => ({
    store: new Store({ ...common, db: openConnection(':memory:'), file: null, notPersistentBecause: why }),
    notice,
  });

  if (options.dir === null) return inMemory('history is kept in memory only (no data folder)', null);
  const file = path.join(options.dir, options.fileName ?? DEFAULT_DB_FILE);

  const moved: { notice: StoreNotice | null } = { notice: null };
  try {
    fs.mkdirSync(options.dir, { recursive: true });
    try {
      return { store: new Store({ ...common, db: openConnection(file), file }), notice: null };
    } catch (error) {
      if (!isCorruptionError(error)) throw error;
      const movedTo = moveAside(file, options.clock.now());
      moved.notice = {
        kind: 'moved_aside',
        message: `The history database ${file} could not be used (${errorMessage(error)}). It was moved to ${movedTo} and a new, empty history was started.`,
        movedTo,
      };
      return { store: new Store({ ...common, db: openConnection(file), file }), notice: moved.notice };
    }
  } catch (error) {
    const why = `history is not being saved: cannot use ${file} (${errorMessage(error)})`;
    const earlier = moved.notice;
    const message = earlier
      ? `${earlier.message} Then: ${why}`
      : `History is not being saved: ${errorMessage(error)} (${file}).`;
    return inMemory(why, {
      kind: 'in_memory',
      message,
      ...(earlier?.movedTo ? { movedTo: earlier.movedTo } : {}),
    });
  }
}
