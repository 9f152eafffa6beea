import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../electron/core/dispatcher.ts';
import type { Haltwatch } from '../../../electron/core/haltwatch.ts';
import { openTestHaltwatch } from '../../helpers/haltwatch.ts';
import { WITNESS_FILE } from '../../../electron/core/store/state-witness.ts';
import { ManualClock } from '../../../electron/core/manual-clock.ts';

let dataDir: string;
let clock: ManualClock;
const monitors: Haltwatch[] = [];

function open(dir = dataDir): Haltwatch {
  const monitor = openTestHaltwatch({ dataDir: dir, clock, log: () => {} });
  monitors.push(monitor);
  return monitor;
}

function closeAll(): void {
  for (const m of monitors.splice(0)) m.close();
}

const db = (dir = dataDir) => path.join(dir, 'haltwatch.db');

beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-state-lost-'));
  clock = new ManualClock(Date.UTC(2026, 10, 21, 15, 0));
});

afterEach(() => {
  closeAll();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('a start whose saved state cannot be trusted', () => {
  it('starts a folder that never had an engine at NORMAL and leaves the witness file', () => {
    expect(open().status()).toMatchObject({ level: 'NORMAL', cause: null });
    expect(fs.existsSync(path.join(dataDir, WITNESS_FILE))).toBe(true);
    closeAll();
    expect(open().status().level).toBe('NORMAL');
  });

  it('starts at HALT (state_lost) when the database is gone but the folder had an engine', () => {
    open();
    closeAll();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db() + suffix, { force: true });
    const reopened = open();
    expect(reopened.status()).toMatchObject({ level: 'HALT', cause: { signal: 'state_lost' } });
    expect(reopened.engine.levels.answer({ action: 'open' }).allowed).toBe(false);
    expect(reopened.engine.levels.answer({ action: 'close' }).allowed).toBe(true);
    const audit = reopened.store.audit({ limit: 5, offset: 0 }).rows;
    expect(JSON.stringify(audit)).toContain('state_lost');
  });

  it('starts at HALT when the database is an older copy than the last level change', () => {
    open();
    closeAll();
    const copy = path.join(dataDir, 'copy.db');
    fs.copyFileSync(db(), copy);
    const running = open();
    clock.advance(1000);
    running.engine.levels.kill('testing', 'trader');
    closeAll();
    fs.copyFileSync(copy, db());
    // SHUTDOWN was the last level seen: a lost state keeps it (HALT would allow closes and a confirm).
    expect(open().status()).toMatchObject({ level: 'SHUTDOWN', cause: { signal: 'state_lost' } });
  });

  it("starts at HALT when the database is another folder's", () => {
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-other-'));
    try {
      open(other);
      open();
      closeAll();
      fs.copyFileSync(db(other), db());
      expect(open().status()).toMatchObject({
        level: 'HALT',
        cause: { signal: 'state_lost', value: expect.stringContaining('not the one') },
      });
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('starts at HALT when the override the trader set is missing from the saved state', () => {
    const copyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'haltwatch-copy-'));
    try {
      open();
      closeAll();
      fs.copyFileSync(db(), path.join(copyDir, 'haltwatch.db'));
      open().engine.levels.setOverride(true, 'lunch', 'trader');
      closeAll();
      fs.copyFileSync(path.join(copyDir, 'haltwatch.db'), db());
      expect(open().status()).toMatchObject({ level: 'HALT', cause: { signal: 'state_lost' } });
    } finally {
      fs.rmSync(copyDir, { recursive: true, force: true });
    }
  });

  it('keeps a HALT after a restart that lost it, until the operator recovers', () => {
    open();
    closeAll();
    fs.rmSync(db(), { force: true });
    open();
    closeAll();
    // The second restart has a consistent state again: it restores the HALT it saved.
    const third = open();
    expect(third.status()).toMatchObject({ level: 'HALT', cause: { signal: 'state_lost' } });
    third.engine.levels.forceRecover('checked the positions', 'trader');
    closeAll();
    expect(open().status().level).toBe('NORMAL');
  });
});

describe('a history that cannot be written', () => {
  it('says so as soon as the database file is gone, before any write', () => {
    const monitor = open();
    expect(monitor.status().history.persistent).toBe(true);
    fs.rmSync(db(), { force: true });
    expect(monitor.status()).toMatchObject({
      level: 'HALT',
      cause: { signal: 'history_unwritable', value: expect.stringContaining('deleted') },
      history: { persistent: false },
    });
  });

  it('holds HALT (history_unwritable), says so within one write and refuses reports with unavailable', async () => {
    const monitor = open();
    const dispatch = createDispatcher(monitor.handlers, () => {});
    fs.rmSync(db(), { force: true });
    const outcome = await dispatch(
      'reports.submit',
      { reports: [{ type: 'order_success' }] },
      { actor: 'bot', commandsAndSecrets: false },
    );
    expect(outcome).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(monitor.status()).toMatchObject({
      level: 'HALT',
      cause: { signal: 'history_unwritable' },
      history: { persistent: false },
    });
    expect(monitor.engine.levels.answer({ action: 'open' }).allowed).toBe(false);
    // Still HALT after the operator tries to force recovery: the fault is still there.
    monitor.engine.levels.forceRecover('try', 'trader');
    expect(monitor.status().level).toBe('HALT');
  });
});

describe('the start judged from the saved state and the witness', () => {
  it('calls a state lost whose level change the witness saw at another time, even an earlier one', async () => {
    const { judgeSavedState } = await import('../../../electron/core/saved-state.ts');
    const snapshot = {
      version: 1,
      instance: 'a',
      levels: { level: 'NORMAL', since: 2_000, override: null },
      breakers: {},
      heartbeats: {},
    };
    const judge = (witness: { level: 'NORMAL' | 'HALT'; since: number; override: boolean }) =>
      judgeSavedState({
        notice: null,
        read: { kind: 'saved', state: snapshot },
        witness: { kind: 'ok', witness: { version: 1, instance: 'a', ...witness } },
        lastLevelChangeAt: 2_000,
      }).kind;
    expect(judge({ level: 'NORMAL', since: 2_000, override: false })).toBe('restored');
    // HALT recorded after the clock was set back: its time is earlier, it is still newer.
    expect(judge({ level: 'HALT', since: 1_000, override: false })).toBe('lost');
    expect(judge({ level: 'HALT', since: 3_000, override: false })).toBe('lost');
    expect(judge({ level: 'NORMAL', since: 2_000, override: true })).toBe('lost');
  });
});

describe('a lost state keeps what the trader last saw (the witness file)', () => {
  function loseDatabase(): void {
    closeAll();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db() + suffix, { force: true });
  }

  it('stays in SHUTDOWN when SHUTDOWN was the last level: closes stay refused, no confirm leaves it', () => {
    open();
    closeAll();
    const running = open();
    clock.advance(1000);
    running.engine.levels.kill('testing', 'trader');
    loseDatabase();
    const reopened = open();
    expect(reopened.status()).toMatchObject({ level: 'SHUTDOWN', cause: { signal: 'state_lost' } });
    expect(reopened.engine.levels.answer({ action: 'close' }).allowed).toBe(false);
    // A second restart still knows: the witness was not overwritten with a milder level.
    loseDatabase();
    expect(open().status().level).toBe('SHUTDOWN');
  });

  it('keeps the trading-disabled override on, so confirming HALT away cannot re-open trading', () => {
    const running = open();
    running.engine.levels.setOverride(true, 'done for the day', 'trader');
    loseDatabase();
    const reopened = open();
    expect(reopened.status()).toMatchObject({
      level: 'HALT',
      cause: { signal: 'state_lost' },
      override: { enabled: true, reason: expect.stringContaining('override was on') },
    });
    clock.advance(16 * 60_000);
    reopened.engine.levels.confirmLeaveHalt('checked my positions', 'trader');
    expect(reopened.engine.levels.answer({ action: 'open' }).allowed).toBe(false);
  });
});
