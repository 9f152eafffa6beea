import Database from 'better-sqlite3';
import fs from 'node:fs';
import { makePrivateFiles } from '../private-files.ts';
import { APPLICATION_ID, migrate, schemaVersion } from './migrations.ts';

/** How long a write waits for another connection's lock (e.g. the CLI exporting) before failing. */
export const BUSY_TIMEOUT_MS = 5_000;

/** The file is not a SQLite database, or one that is not Haltwatch's. */
export class UnusableDatabaseError extends Error {
  override name = 'UnusableDatabaseError';
}

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT']);

export function isCorruptionError(error: unknown): boolean {
  if (error instanceof UnusableDatabaseError) return true;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CORRUPT_CODES.has(code.split('_').slice(0, 2).join('_'));
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * Checked before SQLite sees the file: SQLite deletes a -wal file when it closes a connection, and a
 * file that is not a database must be moved aside with its -wal intact.
 */
export function assertLooksLikeSqlite(file: string): void {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    const header = Buffer.alloc(SQLITE_HEADER.length);
    const read = fs.readSync(fd, header, 0, header.length, 0);
    if (read === 0) return;
    if (read < header.length || !header.equals(SQLITE_HEADER)) {
      throw new UnusableDatabaseError(`${file} is not a database (it does not start with the SQLite header)`);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Opens (or creates) a history database, sets the connection up and brings the schema up to date.
 * `target` stops migrations early (used to build the fixture of an older schema).
 */
export function openConnection(file: string, target?: number): Database.Database {
  if (file !== ':memory:') assertLooksLikeSqlite(file);
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS });
  // Before WAL mode: SQLite gives the -wal and -shm files the database file's mode.
  if (file !== ':memory:') makePrivateFiles([file, `${file}-wal`, `${file}-shm`]);
  try {
    // The first read of the header: a file that is not SQLite fails here with SQLITE_NOTADB.
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const objects = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM sqlite_master').get()?.n ?? 0;
    if (objects > 0 && applicationId !== APPLICATION_ID) {
      throw new UnusableDatabaseError(`${file} is a SQLite database, but not a Haltwatch history database`);
    }
    // auto_vacuum and the text encoding can only be chosen before the first table exists; the
    // series read relies on UTF-8 (see chart-points.ts).
    if (objects === 0) {
      db.pragma('auto_vacuum = INCREMENTAL');
      db.pragma("encoding = 'UTF-8'");
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, target);
    // SQLite quietly opens a file it may not write as read-only; a header write finds that out now,
    // so the user is told at start rather than at the first lost write.
    db.pragma(`user_version = ${schemaVersion(db)}`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Opens an existing history database for reading only: no migration, no recovery, nothing written.
 * For tools (export) that must never change the history, even one made by an older schema.
 */
export function openReadOnly(file: string): Database.Database {
  if (!fs.existsSync(file)) throw new Error(`no history database at ${file}`);
  assertLooksLikeSqlite(file);
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  try {
    if (db.pragma('application_id', { simple: true }) !== APPLICATION_ID) {
      throw new UnusableDatabaseError(`${file} is a SQLite database, but not a Haltwatch history database`);
    }
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
