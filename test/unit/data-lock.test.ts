import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DataFolderInUseError,
  LOCK_FILE,
  lockDataFolder,
  readHolder,
} from '../../electron/core/data-lock.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-lock-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const file = () => path.join(dir, LOCK_FILE);

describe('the data folder lock', () => {
  it('is taken once: a second taker is told who holds it, since when', () => {
    const first = lockDataFolder(dir, 'haltwatch serve', { now: () => Date.UTC(2026, 0, 5, 9, 0) });
    expect(() => lockDataFolder(dir, 'the Haltwatch app')).toThrow(
      `data folder ${dir} is in use by process ${process.pid} (haltwatch serve since 2026-01-05T09:00:00.000Z)`,
    );
    first.release();
    lockDataFolder(dir, 'the Haltwatch app').release();
  });

  it('takes over a lock whose process is gone, and one that is not even readable', () => {
    fs.writeFileSync(file(), JSON.stringify({ pid: 999_999, startedAt: 1, command: 'haltwatch serve' }));
    const lock = lockDataFolder(dir, 'haltwatch serve', { isAlive: () => false });
    expect(readHolder(file())?.pid).toBe(process.pid);
    lock.release();
    fs.writeFileSync(file(), '{"pid": 12');
    lockDataFolder(dir, 'haltwatch serve').release();
    expect(fs.existsSync(file())).toBe(false);
  });

  it('keeps a lock whose process lives, and never removes another holder’s lock on release', () => {
    fs.writeFileSync(file(), JSON.stringify({ pid: 4242, startedAt: 1, command: 'haltwatch serve' }));
    const error = (() => {
      try {
        lockDataFolder(dir, 'x', { isAlive: (pid) => pid === 4242 });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(DataFolderInUseError);
    expect((error as DataFolderInUseError).holder.pid).toBe(4242);

    fs.rmSync(file());
    const mine = lockDataFolder(dir, 'haltwatch serve');
    fs.writeFileSync(file(), JSON.stringify({ pid: 4242, startedAt: 1, command: 'haltwatch serve' }));
    mine.release();
    expect(readHolder(file())?.pid).toBe(4242);
  });

  it('publishes the dashboard address for a second app', () => {
    const lock = lockDataFolder(dir, 'haltwatch serve');
    lock.setDashboardUrl('http://127.0.0.1:1/?token=t');
    expect(readHolder(file())).toMatchObject({
      pid: process.pid,
      dashboardUrl: 'http://127.0.0.1:1/?token=t',
    });
    lock.release();
  });
});
