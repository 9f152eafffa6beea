import fs from 'node:fs';
import type Database from 'better-sqlite3';
import type { StoreHealth } from '../../../shared/history.ts';
import { errorMessage } from '../../../shared/errors.ts';

/** Runs a write in the store's transaction; a refused write gives `fallback` (see WriteGuard.write). */
export type StoreWrite = <T>(what: string, fn: () => T, fallback: T) => T;

export interface WriteGuardOptions {
  db: Database.Database;
  /** the database file, null when the store lives in memory */
  file: string | null;
  /** why the store is not persistent from the start (in memory), shown in health() */
  notPersistentBecause?: string;
  /** Runs inside the transaction, after the write: flushes what the write buffered. */
  beforeCommit: () => void;
  /** Runs when the transaction rolled back: drops what the write buffered. */
  afterRollback: () => void;
}

/**
 * The store's write path and its health. Writes never throw into the engine: a write the disk
 * refuses is dropped, counted, and reported through health() and onHealthChange until a later
 * write succeeds.
 */
export class WriteGuard {
  private readonly file: string | null;
  private readonly inMemory: boolean;
  private readonly beforeCommit: () => void;
  private readonly afterRollback: () => void;
  private readonly healthListeners = new Set<(health: StoreHealth) => void>();
  private depth = 0;
  private failing = false;
  private lastError: string | null;
  private droppedWrites = 0;
  /** The database file as opened; a file deleted or replaced under the engine no longer matches. */
  private readonly identity: string | null;
  private closedFlag = false;
  /** Built once: better-sqlite3 takes longer to build a transaction function than to run a small one. */
  private readonly inTransaction: (fn: () => unknown) => unknown;

  constructor(options: WriteGuardOptions) {
    this.file = options.file;
    this.inMemory = options.notPersistentBecause !== undefined || options.file === null;
    this.lastError = options.notPersistentBecause ?? null;
    this.beforeCommit = options.beforeCommit;
    this.afterRollback = options.afterRollback;
    this.identity = this.file === null || this.inMemory ? null : fileIdentity(this.file);
    this.inTransaction = options.db.transaction((fn: () => unknown) => {
      this.depth += 1;
      try {
        const value = fn();
        this.beforeCommit();
        return value;
      } finally {
        this.depth -= 1;
      }
    });
  }

  get closed(): boolean {
    return this.closedFlag;
  }

  /** From now on every write is refused and counted. */
  markClosed(): void {
    this.closedFlag = true;
  }

  health(): StoreHealth {
    return {
      persistent: !this.inMemory && !this.failing && !this.closedFlag,
      lastError: this.lastError,
      droppedWrites: this.droppedWrites,
      file: this.inMemory ? null : this.file,
    };
  }

  /** Notices a database file deleted or replaced while in use without waiting for the next write. */
  checkFile(): void {
    if (this.failing || this.closedFlag) return;
    const gone = this.fileGone();
    if (!gone) return;
    this.lastError = gone.message;
    this.failing = true;
    this.emitHealth();
  }

  /** Called when writes start failing or recover. Returns an unsubscribe function. */
  onHealthChange(listener: (health: StoreHealth) => void): () => void {
    this.healthListeners.add(listener);
    return () => this.healthListeners.delete(listener);
  }

  /** Shown by health() until the next failed write; says nothing about the disk. */
  noteProblem(message: string): void {
    this.lastError = message;
  }

  readonly write: StoreWrite = <T>(what: string, fn: () => T, fallback: T): T => {
    if (this.closedFlag) {
      this.markFailed(what, new Error('the store is closed'));
      return fallback;
    }
    if (this.depth > 0) return fn();
    try {
      const result = this.inTransaction(fn) as T;
      // SQLite writes on into a deleted file without a word: what it saves there is lost at close.
      const gone = this.fileGone();
      if (gone) {
        this.markFailed(what, gone);
        return result;
      }
      this.markSaved();
      return result;
    } catch (error) {
      this.afterRollback();
      this.markFailed(what, error);
      return fallback;
    }
  };

  private fileGone(): FileGoneError | null {
    if (this.identity === null || fileIdentity(this.file ?? '') === this.identity) return null;
    return new FileGoneError(`${this.file} was deleted or replaced while in use`);
  }

  private markFailed(what: string, error: unknown): void {
    this.droppedWrites += 1;
    this.lastError = `${what} not saved: ${errorMessage(error)}`;
    // A bad write (unknown check id, a throwing batch) says nothing about the disk.
    if (!isStorageError(error) && !this.closedFlag) return;
    const changed = !this.failing;
    this.failing = true;
    if (changed) this.emitHealth();
  }

  private markSaved(): void {
    if (!this.failing) return;
    this.failing = false;
    this.emitHealth();
  }

  private emitHealth(): void {
    const health = this.health();
    for (const listener of this.healthListeners) {
      try {
        listener(health);
      } catch {
        // A listener's failure must not break the write path; listeners report their own errors.
      }
    }
  }
}

class FileGoneError extends Error {
  readonly code = 'SQLITE_CANTOPEN_FILE_GONE';
}

/** Device and inode: one stat per write, far cheaper than the transaction it follows. */
function fileIdentity(file: string): string | null {
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  return stat ? `${stat.dev}:${stat.ino}` : null;
}

/** SQLite result codes that mean the disk or file refused the write, not that the write was wrong. */
const STORAGE_ERRORS = /^SQLITE_(FULL|IOERR|READONLY|CANTOPEN|CORRUPT|NOTADB|BUSY|LOCKED|PERM|PROTOCOL)/;

function isStorageError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && STORAGE_ERRORS.test(code);
}
