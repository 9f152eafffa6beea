import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

export const LOCK_FILE = 'haltwatch.lock';

const holderSchema = z.object({
  pid: z.number().int().positive(),
  startedAt: z.number(),
  /** What holds the folder: "haltwatch serve", "the Haltwatch app", … */
  command: z.string(),
  /** The running engine's dashboard, once it listens (with its token: the file is owner-only). */
  dashboardUrl: z.string().optional(),
});
export type LockHolder = z.infer<typeof holderSchema>;

/** Another live process runs an engine on this data folder. */
export class DataFolderInUseError extends Error {
  override readonly name = 'DataFolderInUseError';
  readonly dataDir: string;
  readonly holder: LockHolder;
  constructor(dataDir: string, holder: LockHolder) {
    super(
      `data folder ${dataDir} is in use by process ${holder.pid} (${holder.command} since ${new Date(holder.startedAt).toISOString()})`,
    );
    this.dataDir = dataDir;
    this.holder = holder;
  }
}

export interface DataFolderLock {
  readonly file: string;
  /** Adds the dashboard address, for a second app that finds the folder taken. */
  setDashboardUrl(url: string): void;
  /** Removes the lock file if it is still this process's. Safe to call twice. */
  release(): void;
}

/** Whether a process with this id exists (EPERM: it exists, under another user). */
export function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * One engine per data folder: two engines would each answer their own level and the last to save
 * would win, losing a HALT. The lock file appears whole or not at all (written aside, then linked
 * into place, which fails if it exists); a lock whose process is gone (killed, crashed) is stale and
 * taken over.
 */
export function lockDataFolder(
  dataDir: string,
  command: string,
  options: { now?: () => number; isAlive?: (pid: number) => boolean } = {},
): DataFolderLock {
  const isAlive = options.isAlive ?? processIsAlive;
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  let mine: LockHolder = { pid: process.pid, startedAt: (options.now ?? Date.now)(), command };

  for (let attempt = 0; attempt < 3; attempt++) {
    if (createWhole(file, mine)) {
      let released = false;
      return {
        file,
        setDashboardUrl(url) {
          if (released) return;
          mine = { ...mine, dashboardUrl: url };
          const temp = `${file}.${process.pid}.tmp`;
          fs.writeFileSync(temp, JSON.stringify(mine), { mode: 0o600 });
          fs.renameSync(temp, file);
        },
        release() {
          if (released) return;
          released = true;
          const holder = readHolder(file);
          if (holder?.pid === mine.pid && holder.startedAt === mine.startedAt)
            fs.rmSync(file, { force: true });
        },
      };
    }
    const text = readText(file);
    const holder = text === null ? null : parseHolder(text);
    if (holder && isAlive(holder.pid)) throw new DataFolderInUseError(dataDir, holder);
    // Stale (its process is gone) or unreadable: removed only if nobody replaced it meanwhile.
    if (readText(file) === text) fs.rmSync(file, { force: true });
  }
  throw new Error(`could not take the lock ${file}: another process keeps replacing it`);
}

/** Creates the lock file with its whole content, or returns false when one exists. */
function createWhole(file: string, holder: LockHolder): boolean {
  const temp = `${file}.${process.pid}.${holder.startedAt}.tmp`;
  fs.writeFileSync(temp, JSON.stringify(holder), { mode: 0o600 });
  try {
    fs.linkSync(temp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw error;
    // A file system without hard links: exclusive create, then the content.
    try {
      fs.writeFileSync(file, JSON.stringify(holder), { flag: 'wx', mode: 0o600 });
      return true;
    } catch (inner) {
      if ((inner as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw inner;
    }
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Who holds the data folder now (a live process), or null. */
export function readHolder(file: string): LockHolder | null {
  const text = readText(file);
  return text === null ? null : parseHolder(text);
}
